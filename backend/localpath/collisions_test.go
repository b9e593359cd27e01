package localpath

import (
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

func TestCollisionsReportsClashesInKeyOrder(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want []Collision // Path in '/' form
	}{
		{
			name: "distinct keys do not clash",
			keys: []string{"cam1/a.mp4", "cam1/b.mp4", "cam2/a.mp4"},
		},
		{
			name: "files differing only in case clash",
			keys: []string{"cam/A.mp4", "cam/B.mp4", "cam/a.mp4"},
			want: []Collision{{Kind: CaseOnly, Key: "cam/a.mp4", Other: "cam/A.mp4", Path: "cam/a.mp4"}},
		},
		{
			name: "unicode case clashes like ASCII",
			keys: []string{"ĐƯỜNG.mp4", "đường.mp4"},
			want: []Collision{{Kind: CaseOnly, Key: "đường.mp4", Other: "ĐƯỜNG.mp4", Path: "đường.mp4"}},
		},
		{
			name: "long s folds with S",
			keys: []string{"S.mp4", "\u017f.mp4"},
			want: []Collision{{Kind: CaseOnly, Key: "\u017f.mp4", Other: "S.mp4", Path: "\u017f.mp4"}},
		},
		{
			name: "file and folder of one name clash",
			keys: []string{"cam/a", "cam/a/b.mp4"},
			want: []Collision{{Kind: FileFolder, Key: "cam/a/b.mp4", Other: "cam/a", Path: "cam/a"}},
		},
		{
			name: "folder then file of one name ignoring case clash",
			keys: []string{"A/b.mp4", "a"},
			want: []Collision{{Kind: FileFolder, Key: "a", Other: "A/b.mp4", Path: "a"}},
		},
		{
			name: "folders differing in case are reported once",
			keys: []string{"Cam1/a.mp4", "Cam1/b.mp4", "cam1/a.mp4", "cam1/c.mp4"},
			want: []Collision{{Kind: FolderCase, Key: "cam1/a.mp4", Other: "Cam1/a.mp4", Path: "cam1"}},
		},
		{
			name: "keys collapsing to one path are the same path",
			keys: []string{"cam//a.mp4", "cam/a.mp4"},
			want: []Collision{{Kind: SamePath, Key: "cam/a.mp4", Other: "cam//a.mp4", Path: "cam/a.mp4"}},
		},
		{
			name: "NFC-equal spellings are the same path",
			keys: []string{"Vie\u0302\u0323t.mp4", "Việt.mp4"},
			want: []Collision{{Kind: SamePath, Key: "Việt.mp4", Other: "Vie\u0302\u0323t.mp4", Path: "Việt.mp4"}},
		},
		{
			name: "a folder left and met again in the same case is no clash",
			keys: []string{"/a/x.mp4", "a/y.mp4"},
		},
		{
			name: "names in sibling folders do not clash",
			keys: []string{"d1/A.mp4", "d2/a.mp4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := append([]string(nil), tt.keys...)
			sort.Strings(keys)
			c := NewCollisions()
			var got []Collision
			for _, k := range keys {
				p, err := Map(k)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, c.Add(k, p)...)
			}
			for i := range got {
				got[i].Path = filepath.ToSlash(got[i].Path)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCollisionsForgetsFoldersOnceTheStreamLeavesThem(t *testing.T) {
	c := NewCollisions()
	for day := 0; day < 50; day++ {
		for file := 0; file < 200; file++ {
			key := filepath.ToSlash(filepath.Join("cam", "day"+pad(day), "f"+pad(file)+".mp4"))
			c.Add(key, filepath.FromSlash(key))
		}
	}
	if len(c.stack) != 3 {
		t.Fatalf("stack depth = %d, want root, cam, day", len(c.stack))
	}
	if n := len(c.stack[1].children); n != 50 {
		t.Errorf("cam holds %d names, want 50 (its days)", n)
	}
	if n := len(c.stack[2].children); n != 200 {
		t.Errorf("last day holds %d names, want 200; earlier days must be gone", n)
	}
}

func pad(n int) string {
	return string([]byte{'0' + byte(n/100), '0' + byte(n/10%10), '0' + byte(n%10)})
}
