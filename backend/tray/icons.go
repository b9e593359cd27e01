package tray

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
	"runtime"
	"sync"
)

// The icons are drawn here rather than shipped as files: a coloured disc per state with a
// white sign on it and a darker rim, so each reads on light and dark trays alike, and the sign
// tells the states apart without colour. Idle: green, a tick. Syncing: blue, a download arrow.
// Error: red, "!". Paused: grey, two bars.

type iconStyle struct {
	fill, rim color.NRGBA
	glyph     func(x, y float64) bool
}

var iconStyles = map[State]iconStyle{
	Idle:    {fill: rgb(0x16a34a), rim: rgb(0x0d6b30), glyph: tickGlyph},
	Syncing: {fill: rgb(0x2563eb), rim: rgb(0x1a3f9e), glyph: arrowGlyph},
	Error:   {fill: rgb(0xdc2626), rim: rgb(0x8f1616), glyph: bangGlyph},
	Paused:  {fill: rgb(0x6b7280), rim: rgb(0x414853), glyph: pauseGlyph},
}

const (
	pngIconSize  = 64 // Linux hosts and macOS scale it down; crisp on HiDPI
	discRadius   = 0.47
	rimWidth     = 0.07
	strokeWidth  = 0.13
	superSamples = 5 // per axis, for anti-aliasing
)

// icoSizes are the images in each Windows .ico: small-icon sizes for 100–250% scaling.
var icoSizes = []int{16, 20, 24, 32, 40, 48, 64}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// drawIcon renders a state's icon at size×size pixels, averaging superSamples² samples a pixel.
func drawIcon(st iconStyle, size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	white := color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	n := float64(superSamples * superSamples)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64 // premultiplied sums
			for sy := 0; sy < superSamples; sy++ {
				for sx := 0; sx < superSamples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/superSamples) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/superSamples) / float64(size)
					d := math.Hypot(x-0.5, y-0.5)
					var c color.NRGBA
					switch {
					case d > discRadius:
						continue
					case st.glyph(x, y):
						c = white
					case d > discRadius-rimWidth:
						c = st.rim
					default:
						c = st.fill
					}
					r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+1
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(255 * a / n)),
			})
		}
	}
	return img
}

// nearSegment reports whether (x, y) lies within half a stroke of the segment a–b (round caps).
func nearSegment(x, y, ax, ay, bx, by, width float64) bool {
	dx, dy := bx-ax, by-ay
	t := ((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(ax+t*dx), y-(ay+t*dy)) <= width/2
}

// inTriangle reports whether (x, y) lies inside the triangle p1 p2 p3.
func inTriangle(x, y, x1, y1, x2, y2, x3, y3 float64) bool {
	side := func(ax, ay, bx, by float64) float64 { return (x-bx)*(ay-by) - (ax-bx)*(y-by) }
	d1, d2, d3 := side(x1, y1, x2, y2), side(x2, y2, x3, y3), side(x3, y3, x1, y1)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}

func tickGlyph(x, y float64) bool {
	return nearSegment(x, y, 0.28, 0.52, 0.44, 0.68, strokeWidth) ||
		nearSegment(x, y, 0.44, 0.68, 0.73, 0.35, strokeWidth)
}

func arrowGlyph(x, y float64) bool {
	return nearSegment(x, y, 0.5, 0.22, 0.5, 0.52, strokeWidth) ||
		inTriangle(x, y, 0.29, 0.46, 0.71, 0.46, 0.5, 0.68) ||
		nearSegment(x, y, 0.3, 0.78, 0.7, 0.78, strokeWidth*0.8)
}

func bangGlyph(x, y float64) bool {
	return nearSegment(x, y, 0.5, 0.24, 0.5, 0.56, strokeWidth*1.1) || math.Hypot(x-0.5, y-0.74) <= 0.075
}

func pauseGlyph(x, y float64) bool {
	return nearSegment(x, y, 0.39, 0.31, 0.39, 0.69, strokeWidth*1.1) ||
		nearSegment(x, y, 0.61, 0.31, 0.61, 0.69, strokeWidth*1.1)
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic("tray: encode icon: " + err.Error()) // writing to memory cannot fail
	}
	return buf.Bytes()
}

// encodeICO writes a Windows .ico holding one 32-bit BGRA bitmap per image (all sizes < 256).
func encodeICO(imgs []*image.NRGBA) []byte {
	var buf bytes.Buffer
	le := binary.LittleEndian
	w16 := func(v uint16) { _ = binary.Write(&buf, le, v) }
	w32 := func(v uint32) { _ = binary.Write(&buf, le, v) }

	w16(0) // reserved
	w16(1) // type: icon
	w16(uint16(len(imgs)))
	offset := 6 + 16*len(imgs)
	bodies := make([][]byte, len(imgs))
	for i, img := range imgs {
		bodies[i] = icoBitmap(img)
		size := img.Bounds().Dx()
		buf.WriteByte(uint8(size))
		buf.WriteByte(uint8(size))
		buf.WriteByte(0) // colours in palette
		buf.WriteByte(0) // reserved
		w16(1)           // planes
		w16(32)          // bits per pixel
		w32(uint32(len(bodies[i])))
		w32(uint32(offset))
		offset += len(bodies[i])
	}
	for _, b := range bodies {
		buf.Write(b)
	}
	return buf.Bytes()
}

// icoBitmap is a BITMAPINFOHEADER, the BGRA rows bottom-up, then the 1-bit AND mask (set where
// fully transparent), each mask row padded to 32 bits.
func icoBitmap(img *image.NRGBA) []byte {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	maskStride := (w + 31) / 32 * 4
	var buf bytes.Buffer
	le := binary.LittleEndian
	header := struct {
		Size                         uint32
		Width, Height                int32
		Planes, BitCount             uint16
		Compression, SizeImage       uint32
		XPelsPerMeter, YPelsPerMeter int32
		ClrUsed, ClrImportant        uint32
	}{Size: 40, Width: int32(w), Height: int32(2 * h), Planes: 1, BitCount: 32,
		SizeImage: uint32(w*h*4 + maskStride*h)}
	_ = binary.Write(&buf, le, header)
	for y := h - 1; y >= 0; y-- {
		for x := 0; x < w; x++ {
			c := img.NRGBAAt(x, y)
			buf.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	for y := h - 1; y >= 0; y-- {
		row := make([]byte, maskStride)
		for x := 0; x < w; x++ {
			if img.NRGBAAt(x, y).A == 0 {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		buf.Write(row)
	}
	return buf.Bytes()
}

// iconPNG and iconICO are made once per state, on first use.
var (
	iconsOnce sync.Once
	pngIcons  map[State][]byte
	icoIcons  map[State][]byte
)

func makeIcons() {
	pngIcons, icoIcons = map[State][]byte{}, map[State][]byte{}
	for state, st := range iconStyles {
		pngIcons[state] = encodePNG(drawIcon(st, pngIconSize))
		imgs := make([]*image.NRGBA, len(icoSizes))
		for i, size := range icoSizes {
			imgs[i] = drawIcon(st, size)
		}
		icoIcons[state] = encodeICO(imgs)
	}
}

func iconPNG(s State) []byte { iconsOnce.Do(makeIcons); return pngIcons[iconState(s)] }
func iconICO(s State) []byte { iconsOnce.Do(makeIcons); return icoIcons[iconState(s)] }

func iconState(s State) State {
	if _, ok := iconStyles[s]; ok {
		return s
	}
	return Idle
}

// iconFor is the icon in the form this OS's systray wants.
func iconFor(s State) []byte { return iconForOS(runtime.GOOS, s) }

// iconForOS: systray loads .ico bytes on Windows and decodes PNG elsewhere.
func iconForOS(goos string, s State) []byte {
	if goos == "windows" {
		return iconICO(s)
	}
	return iconPNG(s)
}
