//go:build linux

package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
)

// etagXattr is where versitygw's posix backend keeps an object's ETag (quoted, as listed);
// an object is a plain file holding its bytes, its LastModified is the file's mtime.
const etagXattr = "user.etag"

// WritePosix creates objects 0..n-1 of a listing set directly under dir (the bucket's folder
// plus the set's prefix), in parallel. Use it only while the gateway is not writing there.
func WritePosix(dir, set string, n int) error {
	workers := max(2, runtime.NumCPU()*2)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	next := make(chan int, 1024)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := writeOne(dir, set, i, n); err != nil {
					errs <- err
					for range next {
					}
					return
				}
			}
		}()
	}
	var made sync.Map // folders already created
	for i := range n {
		o := SmallObject(i, n)
		folder := filepath.Dir(filepath.Join(dir, filepath.FromSlash(o.Key)))
		if _, ok := made.Load(folder); !ok {
			if err := os.MkdirAll(folder, 0o755); err != nil {
				close(next)
				wg.Wait()
				return err
			}
			made.Store(folder, true)
		}
		select {
		case next <- i:
		case err := <-errs:
			close(next)
			wg.Wait()
			return err
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func writeOne(dir, set string, i, n int) error {
	o := SmallObject(i, n)
	path := filepath.Join(dir, filepath.FromSlash(o.Key))
	body := Content(set, i, o.Size)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		return err
	}
	if err := syscall.Setxattr(path, etagXattr, []byte(ETag(body)), 0); err != nil {
		return fmt.Errorf("set %s on %s: %w", etagXattr, path, err)
	}
	return os.Chtimes(path, o.Modified, o.Modified)
}
