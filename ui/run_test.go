package ui

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// Bubble Tea's output notes when Bubble Tea enters the alternate screen, by Write or by
// WriteString, and passes every byte on.
func TestTerminalNotesTheAlternateScreen(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(*terminal, string)
	}{
		{"Write", func(out *terminal, s string) { out.Write([]byte(s)) }},
		{"WriteString", func(out *terminal, s string) { out.WriteString(s) }},
		{"io.Copy of a buffer, as the renderer writes", func(out *terminal, s string) { io.Copy(out, bytes.NewBufferString(s)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.CreateTemp(t.TempDir(), "output")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			out := &terminal{File: f}
			tc.write(out, "\x1b[?2026$p\x1b[?25l")
			if out.altScreen.Load() {
				t.Error("noted the alternate screen before it was entered")
			}
			tc.write(out, "frame\x1b[?1049hframe")
			if !out.altScreen.Load() {
				t.Error("did not note the alternate screen")
			}
			tc.write(out, "\x1b[?1049l")
			got, _ := os.ReadFile(f.Name())
			if want := "\x1b[?2026$p\x1b[?25lframe\x1b[?1049hframe\x1b[?1049l"; string(got) != want {
				t.Errorf("wrote %q, want %q", got, want)
			}
		})
	}
}
