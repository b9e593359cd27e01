package tray

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"testing"
)

var allStates = []State{Idle, Syncing, Error, Paused}

func TestIconsShowTheirStateColourOnATransparentBackground(t *testing.T) {
	seen := map[string]State{}
	for _, s := range allStates {
		t.Run(s.String(), func(t *testing.T) {
			img, err := png.Decode(bytes.NewReader(iconPNG(s)))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != pngIconSize || b.Dy() != pngIconSize {
				t.Fatalf("size %v, want %d²", b, pngIconSize)
			}
			for _, p := range []image.Point{{0, 0}, {pngIconSize - 1, 0}, {0, pngIconSize - 1}, {pngIconSize - 1, pngIconSize - 1}} {
				if _, _, _, a := img.At(p.X, p.Y).RGBA(); a != 0 {
					t.Errorf("corner %v is not transparent", p)
				}
			}
			// The left of the disc carries no sign in any state: the Linux test reads it too.
			if got := color.NRGBAModel.Convert(img.At(10, pngIconSize/2)).(color.NRGBA); got != iconStyles[s].fill {
				t.Errorf("fill at (10,%d) = %v, want %v", pngIconSize/2, got, iconStyles[s].fill)
			}
			// The sign is white and sits in the middle third.
			white := 0
			for y := pngIconSize / 3; y < 2*pngIconSize/3; y++ {
				for x := pngIconSize / 3; x < 2*pngIconSize/3; x++ {
					if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c.R == 0xff && c.G == 0xff && c.B == 0xff && c.A == 0xff {
						white++
					}
				}
			}
			if white < 20 {
				t.Errorf("only %d white pixels in the middle: no sign drawn", white)
			}
			if other, dup := seen[string(iconPNG(s))]; dup {
				t.Errorf("same icon as %s", other)
			}
			seen[string(iconPNG(s))] = s
		})
	}
}

func TestICOHoldsEverySizeAs32BitBitmapsWithMask(t *testing.T) {
	ico := iconICO(Error)
	le := binary.LittleEndian
	if le.Uint16(ico[0:]) != 0 || le.Uint16(ico[2:]) != 1 || int(le.Uint16(ico[4:])) != len(icoSizes) {
		t.Fatalf("header % x", ico[:6])
	}
	for i, size := range icoSizes {
		e := ico[6+16*i:]
		if int(e[0]) != size || int(e[1]) != size || le.Uint16(e[4:]) != 1 || le.Uint16(e[6:]) != 32 {
			t.Fatalf("entry %d: % x", i, e[:16])
		}
		n, off := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if off+n > len(ico) {
			t.Fatalf("entry %d runs past the file", i)
		}
		bmp := ico[off : off+n]
		maskStride := (size + 31) / 32 * 4
		if le.Uint32(bmp[0:]) != 40 || int(int32(le.Uint32(bmp[4:]))) != size || int(int32(le.Uint32(bmp[8:]))) != 2*size ||
			le.Uint16(bmp[14:]) != 32 || n != 40+size*size*4+maskStride*size {
			t.Fatalf("size %d: bitmap header % x, %d bytes", size, bmp[:40], n)
		}
		pixels, mask := bmp[40:40+size*size*4], bmp[40+size*size*4:]
		// Rows run bottom-up: row 0 is the bottom edge, whose corner is transparent and masked.
		if pixels[3] != 0 || mask[0]&0x80 == 0 {
			t.Errorf("size %d: bottom-left corner alpha %d, mask %08b", size, pixels[3], mask[0])
		}
		mid := 4 * (size/2*size + size/2)
		if pixels[mid+3] != 0xff {
			t.Errorf("size %d: centre alpha %d, want opaque", size, pixels[mid+3])
		}
	}
}

func TestIconFormatFollowsTheOS(t *testing.T) {
	pngMagic, icoMagic := []byte("\x89PNG"), []byte{0, 0, 1, 0}
	for _, tc := range []struct {
		goos  string
		magic []byte
	}{{"windows", icoMagic}, {"linux", pngMagic}, {"darwin", pngMagic}} {
		if got := iconForOS(tc.goos, Syncing); !bytes.HasPrefix(got, tc.magic) {
			t.Errorf("%s: icon starts % x, want % x", tc.goos, got[:4], tc.magic)
		}
	}
}

func TestUnknownStateShowsTheIdleIcon(t *testing.T) {
	if !bytes.Equal(iconPNG(State(42)), iconPNG(Idle)) {
		t.Fatal("an unknown state should fall back to the idle icon")
	}
}
