package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The colours, exported so tests can find them in the decoded pixels. None
// is a neutral grey, so no antialiased text can take one of them exactly.
var (
	Background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	DoneColour = color.RGBA{0x2a, 0x9d, 0x8f, 0xff} // teal
	// PlannedColour is drawn behind DoneColour: what shows of it above a
	// bar is planned but not (yet) done.
	PlannedColour = color.RGBA{0xc8, 0xdc, 0xe6, 0xff}
	StoneColours  = []color.RGBA{{0x8d, 0x99, 0xae, 0xff}, {0x6b, 0x70, 0x5c, 0xff}, {0xa5, 0x9e, 0x84, 0xff}}
)

// DPI is the images' resolution: a pixel is 72/DPI points.
const DPI = 96

// px is n pixels as a length.
func px(n float64) vg.Length { return vg.Length(n * 72 / DPI) }

// Session is one bar: a session's label and its counts.
type Session struct {
	Label         string
	Done, Planned int
}

// Steps is a chart of steps done per session, each over the steps planned.
// Words come from the caller (the catalogue), in the reader's language.
type Steps struct {
	Title, XLabel, YLabel     string
	DoneLegend, PlannedLegend string
	Sessions                  []Session
}

// Size of a steps chart, in pixels.
const (
	StepsWidth  = 720
	StepsHeight = 360
)

// PNG renders the chart.
func (s Steps) PNG() ([]byte, error) {
	if len(s.Sessions) == 0 {
		return nil, errors.New("chart: steps chart without sessions")
	}
	p := plot.New()
	p.BackgroundColor = Background
	p.Title.Text = s.Title
	p.X.Label.Text, p.Y.Label.Text = s.XLabel, s.YLabel
	done, planned := make(plotter.Values, len(s.Sessions)), make(plotter.Values, len(s.Sessions))
	labels := make([]string, len(s.Sessions))
	top := 1
	for i, x := range s.Sessions {
		done[i], planned[i], labels[i] = float64(x.Done), float64(x.Planned), x.Label
		top = max(top, x.Done, x.Planned)
	}
	// Bars as wide as the sessions allow, with a gap between them.
	width := px(0.6 * float64(StepsWidth-120) / float64(len(s.Sessions)))
	plannedBars, err := plotter.NewBarChart(planned, width)
	if err != nil {
		return nil, fmt.Errorf("chart: planned bars: %w", err)
	}
	doneBars, err := plotter.NewBarChart(done, width)
	if err != nil {
		return nil, fmt.Errorf("chart: done bars: %w", err)
	}
	plannedBars.Color, doneBars.Color = PlannedColour, DoneColour
	plannedBars.LineStyle.Width, doneBars.LineStyle.Width = 0, 0
	p.Add(plannedBars, doneBars) // planned behind, done in front
	p.Legend.Add(s.DoneLegend, doneBars)
	p.Legend.Add(s.PlannedLegend, plannedBars)
	p.Legend.Top, p.Legend.Left = true, true
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.5, float64(len(s.Sessions))-0.5 // whole bars at both ends
	p.Y.Min, p.Y.Max = 0, float64(top)*1.25               // room for the legend above the tallest bar
	p.Y.Tick.Marker = wholeTicks{}
	return render(p, StepsWidth, StepsHeight)
}

// wholeTicks marks whole numbers only: half a step means nothing.
type wholeTicks struct{}

func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	step := max(1, math.Ceil((hi-lo)/6))
	var ts []plot.Tick
	for v := math.Ceil(lo); v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ts
}

// Cairn is a member's cairn: one stone per finished step, stacked.
type Cairn struct {
	Title  string
	Stones int
}

// MaxStones is the most stones drawn; the title says how many there are.
const MaxStones = 120

// Sizes of a cairn, in pixels: a stone's height grows the image.
const (
	CairnWidth    = 360
	StonePixels   = 14
	cairnMargin   = 70 // title and padding
	minCairnImage = 240
)

// CairnHeight is the height in pixels of a cairn of n stones.
func CairnHeight(n int) int {
	return max(minCairnImage, min(n, MaxStones)*StonePixels+cairnMargin)
}

// PNG renders the cairn.
func (c Cairn) PNG() ([]byte, error) {
	n := min(c.Stones, MaxStones)
	if n <= 0 {
		return nil, errors.New("chart: a cairn without stones")
	}
	p := plot.New()
	p.BackgroundColor = Background
	p.Title.Text = c.Title
	p.HideAxes()
	p.X.Min, p.X.Max = -1, 1
	p.Y.Min, p.Y.Max = 0, float64(max(n, (minCairnImage-cairnMargin)/StonePixels))
	p.Add(stones(n))
	return render(p, CairnWidth, CairnHeight(n))
}

// stones draws n stones from the ground up, each a little narrower than the
// one below and a little off centre, with a gap between them.
type stones int

func (s stones) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	n := int(s)
	for i := range n {
		// Half-widths in x units (a unit is CairnWidth/2 pixels): from
		// about 70 pixels at the foot to 35 at the top, uneven like
		// stones, deterministic so the same cairn is drawn every time.
		rx := 0.40 - 0.18*float64(i)/float64(max(n, 8)) + 0.04*math.Sin(float64(i)*1.7)
		cx := 0.05 * math.Sin(float64(i)*2.3)
		cy, ry := float64(i)+0.5, 0.38
		pts := make([]vg.Point, 0, 48)
		for k := range 48 {
			a := 2 * math.Pi * float64(k) / 48
			pts = append(pts, vg.Point{X: tx(cx + rx*math.Cos(a)), Y: ty(cy + ry*math.Sin(a))})
		}
		c.FillPolygon(StoneColours[i%len(StoneColours)], pts)
	}
}

// render draws p on a w×h pixel canvas and encodes it as PNG.
func render(p *plot.Plot, w, h int) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(px(float64(w)), px(float64(h))), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(Background))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, c.Image()); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}
