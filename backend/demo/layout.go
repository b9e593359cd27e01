package demo

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"path"
	"sort"
	"time"
)

// The samples are real, playable H.264 MP4 clips (320x180, 10 fps, 5 s) and JPEG snapshots,
// generated once with ffmpeg's synthetic sources and committed, so no build or test needs
// ffmpeg:
//
//	ffmpeg -f lavfi -i testsrc2=s=320x180:r=10 -t 5 -pix_fmt yuv420p -c:v libx264 \
//	  -preset veryslow -crf 34 -profile:v baseline -movflags +faststart -an clip1.mp4
//	(clip2: smptebars, clip3: mandelbrot, clip4: life=…:mold=10:ratio=0.1)
//	ffmpeg -i clipN.mp4 -frames:v 1 -q:v 8 snapN.jpg
//
//go:embed samples/*.mp4 samples/*.jpg
var samples embed.FS

// Item is one seeded object.
type Item struct {
	Key         string
	Body        []byte
	ContentType string
	Modified    time.Time
}

var (
	cameras       = []string{"camera1", "camera2", "camera3"}
	recordedHours = []int{7, 12, 18, 22}
	clipMinutes   = []int{0, 30}
)

// Layout is what the demo store holds, built around now: the three days before now's date, for
// three cameras, a few hours a day, two clips an hour plus a snapshot; motion-event clips in a
// nested folder; daily text logs; a README at the root. Keys are returned in S3 (binary) order.
//
//	camera1/2026/12/01/07/camera1_20261201_070000.mp4
//	camera1/2026/12/01/07/snapshot_070000.jpg
//	camera2/2026/12/03/events/motion/camera2_20261203_181205.mp4
//	logs/camera1/2026-12-01.txt
//	README.txt
func Layout(now time.Time) []Item {
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var items []Item
	sampleNo := 0
	for ci, cam := range cameras {
		for d := 3; d >= 1; d-- {
			day := today.AddDate(0, 0, -d)
			dayDir := path.Join(cam, day.Format("2006/01/02"))
			for _, h := range recordedHours {
				hourDir := path.Join(dayDir, fmt.Sprintf("%02d", h))
				for _, m := range clipMinutes {
					at := day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
					items = append(items, Item{
						Key:         path.Join(hourDir, fmt.Sprintf("%s_%s.mp4", cam, at.Format("20060102_150405"))),
						Body:        sample("clip", sampleNo%4+1, "mp4"),
						ContentType: "video/mp4",
						Modified:    at.Add(5 * time.Minute),
					})
					sampleNo++
				}
				at := day.Add(time.Duration(h) * time.Hour)
				items = append(items, Item{
					Key:         path.Join(hourDir, fmt.Sprintf("snapshot_%s.jpg", at.Format("150405"))),
					Body:        sample("snap", (ci+h)%4+1, "jpg"),
					ContentType: "image/jpeg",
					Modified:    at.Add(time.Minute),
				})
			}
			// One motion event per camera and day, in a deeper folder.
			ev := day.Add(time.Duration(9+ci*4)*time.Hour + 12*time.Minute + 5*time.Second)
			items = append(items, Item{
				Key:         path.Join(dayDir, "events", "motion", fmt.Sprintf("%s_%s.mp4", cam, ev.Format("20060102_150405"))),
				Body:        sample("clip", (ci+d)%4+1, "mp4"),
				ContentType: "video/mp4",
				Modified:    ev.Add(2 * time.Minute),
			})
			logAt := day.Add(23*time.Hour + 59*time.Minute)
			items = append(items, Item{
				Key:         path.Join("logs", cam, day.Format("2006-01-02")+".txt"),
				Body:        logText(cam, day),
				ContentType: "text/plain; charset=utf-8",
				Modified:    logAt,
			})
		}
	}
	items = append(items, Item{
		Key:         "README.txt",
		Body:        []byte(readme),
		ContentType: "text/plain; charset=utf-8",
		Modified:    today.AddDate(0, 0, -3),
	})
	sort.Slice(items, func(i, j int) bool { return items[i].Key < items[j].Key })
	return items
}

const readme = `VPACK S3 Sync demo store
This bucket lives inside the app on your computer. It holds sample recordings from three
cameras so you can try browsing and syncing without an AWS account.
Kho demo của VPACK S3 Sync: video mẫu từ ba camera, chỉ nằm trên máy tính của bạn.
`

func logText(cam string, day time.Time) []byte {
	var b bytes.Buffer
	for _, h := range recordedHours {
		for _, m := range clipMinutes {
			at := day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
			fmt.Fprintf(&b, "%s %s recording started\n", at.Format(time.RFC3339), cam)
			fmt.Fprintf(&b, "%s %s upload ok\n", at.Add(5*time.Minute).Format(time.RFC3339), cam)
		}
	}
	return b.Bytes()
}

func sample(kind string, n int, ext string) []byte {
	b, err := samples.ReadFile(fmt.Sprintf("samples/%s%d.%s", kind, n, ext))
	if err != nil {
		// The files are embedded at build time; a missing one is a build mistake.
		panic(err)
	}
	return b
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
