//go:build linux

// Package diskfault makes a file that a process holds open refuse writes, so
// tests can show what Cairn does when its disk turns read-only, without a
// real failing disk or root's mount tricks.
package diskfault

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ReadOnly swaps every descriptor this process holds on path for a
// read-only one: writes through them fail from now on, while locks and
// mappings stay as they were. The returned func puts the writable
// descriptors back.
func ReadOnly(path string) (restore func() error, err error) {
	want, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil, err
	}
	ro, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer ro.Close()
	type swap struct{ fd, saved int }
	var swaps []swap
	undo := func() error {
		var first error
		for _, s := range swaps {
			if err := syscall.Dup3(s.saved, s.fd, syscall.O_CLOEXEC); err != nil && first == nil {
				first = err
			}
			syscall.Close(s.saved)
		}
		return first
	}
	for _, e := range ents {
		var fd int
		if _, err := fmt.Sscan(e.Name(), &fd); err != nil || fd == int(ro.Fd()) {
			continue
		}
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil || target != want {
			continue
		}
		saved, err := syscall.Dup(fd)
		if err != nil {
			_ = undo()
			return nil, err
		}
		if err := syscall.Dup3(int(ro.Fd()), fd, syscall.O_CLOEXEC); err != nil {
			syscall.Close(saved)
			_ = undo()
			return nil, err
		}
		swaps = append(swaps, swap{fd, saved})
	}
	if len(swaps) == 0 {
		return nil, fmt.Errorf("diskfault: this process holds no descriptor on %s", path)
	}
	return undo, nil
}
