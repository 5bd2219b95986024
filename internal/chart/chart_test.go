package chart_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/cairnbot/cairn/internal/chart"
)

func decode(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

func is(img image.Image, x, y int, c color.RGBA) bool {
	return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == c
}

// runs are the [start, end) spans of x on row y where the colour is c.
func runs(img image.Image, y int, c color.RGBA) [][2]int {
	var out [][2]int
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		if !is(img, x, y, c) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == x {
			out[n-1][1]++
		} else {
			out = append(out, [2]int{x, x + 1})
		}
	}
	return out
}

// column counts the pixels of colour c going up from y at x, and returns
// the first y above them.
func column(img image.Image, x, y int, c color.RGBA) (n, above int) {
	for ; y >= 0 && is(img, x, y, c); y-- {
		n++
	}
	return n, y
}

// TestSteps_BarsMeasured decodes the PNG and measures the bars: one teal
// bar per session, standing on the same line, with heights in proportion
// to the steps done, and planned steps (a lighter colour) above a bar only
// where more were planned than done.
func TestSteps_BarsMeasured(t *testing.T) {
	s := chart.Steps{Title: "Steps done", XLabel: "Session", YLabel: "Steps", DoneLegend: "done", PlannedLegend: "planned",
		Sessions: []chart.Session{{"6/2", 1, 2}, {"6/9", 3, 3}, {"6/16", 2, 4}, {"6/23", 4, 1}}}
	b, err := s.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	if img.Bounds().Dx() != chart.StepsWidth || img.Bounds().Dy() != chart.StepsHeight {
		t.Fatalf("size %v", img.Bounds())
	}
	// The bars' foot: the lowest row with teal in it.
	base := -1
	for y := img.Bounds().Max.Y - 1; y >= 0 && base < 0; y-- {
		if len(runs(img, y, chart.DoneColour)) > 0 {
			base = y
		}
	}
	bars := runs(img, base, chart.DoneColour)
	if len(bars) != len(s.Sessions) {
		t.Fatalf("%d bars on the base line (y=%d), want %d: %v", len(bars), base, len(s.Sessions), bars)
	}
	// Pixels per step, from all the bars together (one bar's edge
	// rounds by a pixel).
	heights, sum, steps := make([]int, len(bars)), 0, 0
	for i, bar := range bars {
		heights[i], _ = column(img, (bar[0]+bar[1])/2, base, chart.DoneColour)
		sum, steps = sum+heights[i], steps+s.Sessions[i].Done
	}
	unit := float64(sum) / float64(steps)
	if unit < 10 {
		t.Fatalf("one step is %.1f pixels: too small to read", unit)
	}
	for i, bar := range bars {
		x := (bar[0] + bar[1]) / 2
		h, above := column(img, x, base, chart.DoneColour)
		want := unit * float64(s.Sessions[i].Done)
		if math.Abs(float64(h)-want) > 2 {
			t.Errorf("bar %d is %d pixels high, want %.0f (%d steps done)", i, h, want, s.Sessions[i].Done)
		}
		// Just above the bar (past an antialiased edge row or two):
		// planned colour exactly when more were planned than done.
		extra := s.Sessions[i].Planned - s.Sessions[i].Done
		ph, _ := column(img, x, above-1, chart.PlannedColour)
		if ph == 0 {
			ph, _ = column(img, x, above, chart.PlannedColour)
		}
		switch {
		case extra > 0 && math.Abs(float64(ph)-unit*float64(extra)) > 3:
			t.Errorf("bar %d: %d pixels of planned above it, want %.0f", i, ph, unit*float64(extra))
		case extra <= 0 && ph > 0:
			t.Errorf("bar %d: planned colour above a bar with nothing more planned", i)
		}
	}
}

func TestSteps_NoSessions(t *testing.T) {
	if _, err := (chart.Steps{}).PNG(); err == nil {
		t.Error("a chart of nothing rendered")
	}
}

// TestCairn_OneStonePerStep counts the stones up the middle of the image.
func TestCairn_OneStonePerStep(t *testing.T) {
	for _, n := range []int{1, 3, 12, 40} {
		b, err := chart.Cairn{Title: "Your cairn", Stones: n}.PNG()
		if err != nil {
			t.Fatal(err)
		}
		img := decode(t, b)
		if img.Bounds().Dy() != chart.CairnHeight(n) {
			t.Errorf("%d stones: height %d, want %d", n, img.Bounds().Dy(), chart.CairnHeight(n))
		}
		if got := stonesUp(img); got != n {
			t.Errorf("%d finished steps drew %d stones", n, got)
		}
	}
	if _, err := (chart.Cairn{}).PNG(); err == nil {
		t.Error("a cairn of no stones rendered")
	}
}

// stonesUp counts runs of stone colour up the image's middle column: each
// stone is a run, and stones never touch.
func stonesUp(img image.Image) int {
	x := img.Bounds().Dx() / 2
	n, in := 0, false
	for y := img.Bounds().Max.Y - 1; y >= 0; y-- {
		stone := false
		for _, c := range chart.StoneColours {
			stone = stone || is(img, x, y, c)
		}
		if stone && !in {
			n++
		}
		in = stone
	}
	return n
}

// BenchmarkGroupChart renders one group's chart of a year of weekly sessions.
func BenchmarkGroupChart(b *testing.B) {
	s := chart.Steps{Title: "Steps done", XLabel: "Session", YLabel: "Steps", DoneLegend: "done", PlannedLegend: "planned"}
	for i := range 52 {
		s.Sessions = append(s.Sessions, chart.Session{Label: "6/2", Done: 20 + i%7, Planned: 30 + i%5})
	}
	var size int
	for b.Loop() {
		out, err := s.PNG()
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "png-bytes")
}
