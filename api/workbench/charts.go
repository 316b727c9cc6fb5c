package workbench

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"petitiond/reports"
)

// Charts are inline SVG drawn on the server: no script, no library, and
// they print. Every label is escaped; numbers are formatted here.

type bar struct {
	Label string
	N     int
}

// barChart draws horizontal bars, one per row, scaled to the largest.
func barChart(title string, bars []bar) template.HTML {
	if len(bars) == 0 {
		return template.HTML(`<p class="muted">暂无数据</p>`)
	}
	const rowH, labelW, barW, width = 26, 150, 300, 520
	maxN := 1
	for _, b := range bars {
		maxN = max(maxN, b.N)
	}
	h := rowH*len(bars) + 8
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, width, h, html.EscapeString(title))
	for i, b := range bars {
		y := 4 + i*rowH
		w := b.N * barW / maxN
		if b.N > 0 {
			w = max(w, 2)
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="lbl">%s</text>`, labelW-8, y+17, html.EscapeString(b.Label))
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%d" height="%d" class="bar"/>`, labelW, y+4, w, rowH-8)
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="num">%d</text>`, labelW+w+6, y+17, b.N)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// lineChart draws the daily submissions and closures as two lines.
func lineChart(days []reports.Day) template.HTML {
	if len(days) == 0 {
		return template.HTML(`<p class="muted">暂无数据</p>`)
	}
	const width, height, left, bottom, top = 620, 220, 36, 28, 12
	plotW, plotH := width-left-10, height-top-bottom
	maxN := 1
	for _, d := range days {
		maxN = max(maxN, d.Submitted, d.Closed)
	}
	x := func(i int) int {
		if len(days) == 1 {
			return left + plotW/2
		}
		return left + i*plotW/(len(days)-1)
	}
	y := func(n int) int { return top + plotH - n*plotH/maxN }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="近%d日提交与办结" xmlns="http://www.w3.org/2000/svg">`, width, height, len(days))
	// Axes with the maximum and zero marked.
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, top+plotH, left+plotW, top+plotH)
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, top, left, top+plotH)
	fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="lbl">%d</text>`, left-4, top+5, maxN)
	fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="lbl">0</text>`, left-4, top+plotH+4)
	for i, d := range days {
		if i == 0 || i == len(days)-1 || (i%7 == 0 && len(days)-1-i >= 3) {
			anchor := "middle"
			if i == len(days)-1 && i > 0 {
				anchor = "end" // the last day's label would run off the right edge
			}
			fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="%s" class="lbl">%02d-%02d</text>`, x(i), height-8, anchor, int(d.Date.Month), d.Date.Day)
		}
	}
	for _, s := range []struct {
		class string
		n     func(reports.Day) int
	}{{"line-in", func(d reports.Day) int { return d.Submitted }}, {"line-out", func(d reports.Day) int { return d.Closed }}} {
		var pts []string
		for i, d := range days {
			pts = append(pts, fmt.Sprintf("%d,%d", x(i), y(s.n(d))))
		}
		fmt.Fprintf(&sb, `<polyline points="%s" class="%s"/>`, strings.Join(pts, " "), s.class)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
