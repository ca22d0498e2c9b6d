package render

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// run runs a command chain as the UI does: it sends the command, and returns msg.Next() until
// a Msg is Done. It checks each Msg answers req and that Content only grows (each one starts with
// the one before and a newline).
func run(t *testing.T, cmd tea.Cmd, req Request) []Msg {
	t.Helper()
	var msgs []Msg
	for cmd != nil {
		m, ok := cmd().(Msg)
		if !ok {
			t.Fatalf("command returned %T, want render.Msg", m)
		}
		if !m.For(req) {
			t.Fatalf("Msg %+v does not answer %+v", m, req)
		}
		if n := len(msgs); n > 0 {
			prev := msgs[n-1].Content
			grown := strings.HasPrefix(m.Content, prev) && len(m.Content) > len(prev) &&
				(m.Content[len(prev)] == '\n' || m.Done && m.Content[len(prev):] == "\x1b[m")
			if m.Err == nil && !grown {
				t.Fatalf("Msg %d does not extend the one before (%d → %d bytes)", n, len(prev), len(m.Content))
			}
		}
		msgs = append(msgs, m)
		if m.Done && m.Next() != nil {
			t.Fatal("a Done Msg has a Next command")
		}
		cmd = m.Next()
	}
	if len(msgs) == 0 || !msgs[len(msgs)-1].Done {
		t.Fatal("the chain did not end with a Done Msg")
	}
	return msgs
}

func TestCmdSmallDocument(t *testing.T) {
	s := NewService(nil)
	md := genStory(1, 2000, false)
	req := Request{ID: "a", Markdown: md, Width: 72, Style: "dark", Seq: 1}
	msgs := run(t, s.Cmd(req), req)
	want, _ := Render(md, 72, "dark")
	if len(msgs) != 1 || msgs[0].Err != nil || msgs[0].Content != want {
		t.Fatalf("%d msgs, err %v; content equal to Render: %v", len(msgs), msgs[0].Err, msgs[0].Content == want)
	}
	if got, ok := s.Cache().Get("a", 72, "dark"); !ok || got != want {
		t.Fatal("the result is not cached")
	}
	// A cache hit: one Done Msg, even for other markdown under the same ID.
	req.Seq, req.Markdown = 2, "ignored"
	msgs = run(t, s.Cmd(req), req)
	if len(msgs) != 1 || msgs[0].Content != want {
		t.Fatal("cache hit did not give the cached text")
	}
	if s.Pending() != 0 {
		t.Errorf("%d requests left pending", s.Pending())
	}
}

// TestCmdProgressive: a big document comes in several Msgs, the first after one chunk, and ends
// with the same text as Render, cached.
func TestCmdProgressive(t *testing.T) {
	s := NewService(nil)
	md := genStory(2, 240<<10, false)
	req := Request{ID: "big", Markdown: md, Width: 80, Style: "dark", Seq: 7}
	msgs := run(t, s.Cmd(req), req)
	if len(msgs) < 3 {
		t.Fatalf("%d Msgs for %d KB, want at least 3", len(msgs), len(md)>>10)
	}
	if msgs[0].Done || msgs[0].Content == "" {
		t.Fatal("the first Msg should hold the first chunk and not be Done")
	}
	if first := Split(md, FirstChunkBytes)[0]; len(first) > FirstChunkBytes {
		t.Errorf("first chunk is %d bytes", len(first))
	}
	last := msgs[len(msgs)-1]
	want, _ := Render(md, 80, "dark")
	if last.Err != nil || last.Content != want {
		t.Fatalf("final content differs from Render (err %v):\n%s", last.Err, firstDiff(last.Content, want))
	}
	if got, _ := s.Cache().Get("big", 80, "dark"); got != want {
		t.Fatal("the final text is not cached")
	}
	if s.Pending() != 0 {
		t.Errorf("%d requests left pending", s.Pending())
	}
}

func TestCmdUnknownStyle(t *testing.T) {
	s := NewService(nil)
	req := Request{ID: "a", Markdown: "hi", Width: 80, Style: "nope", Seq: 1}
	msgs := run(t, s.Cmd(req), req)
	if len(msgs) != 1 || !errors.Is(msgs[0].Err, ErrUnknownStyle) {
		t.Fatalf("want one Done Msg with ErrUnknownStyle, got %+v", msgs)
	}
	if s.Prerender(req) != nil {
		t.Error("Prerender of an unknown style should do nothing")
	}
}

func TestCmdEmpty(t *testing.T) {
	s := NewService(nil)
	req := Request{ID: "e", Width: 80, Style: "dark"}
	msgs := run(t, s.Cmd(req), req)
	if len(msgs) != 1 || msgs[0].Err != nil || msgs[0].Content != "" {
		t.Fatalf("empty document: %+v", msgs)
	}
}

// TestCancel: a canceled request renders no more chunks, ends with ErrCanceled and is not
// cached; so does one canceled before its command runs.
func TestCancel(t *testing.T) {
	s := NewService(nil)
	md := genStory(3, 400<<10, false)
	req := Request{ID: "c", Markdown: md, Width: 80, Style: "dark", Seq: 3}
	m := s.Cmd(req)().(Msg)
	if m.Done {
		t.Fatal("first Msg is Done")
	}
	s.Cancel(2) // another seq: no effect
	s.Cancel(3)
	start := time.Now()
	end := m.Next()().(Msg)
	if !end.Done || !errors.Is(end.Err, ErrCanceled) || end.Content != m.Content {
		t.Fatalf("after Cancel: Done %v, Err %v", end.Done, end.Err)
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("a canceled step took %v", d)
	}
	if _, ok := s.Cache().Get("c", 80, "dark"); ok {
		t.Error("a canceled render was cached")
	}

	req.Seq = 4
	cmd := s.Cmd(req)
	s.Cancel(4)
	if m := cmd().(Msg); !m.Done || !errors.Is(m.Err, ErrCanceled) {
		t.Fatalf("canceled before it ran: Done %v, Err %v", m.Done, m.Err)
	}
	if s.Pending() != 0 {
		t.Errorf("%d requests left pending", s.Pending())
	}
}

// TestPrerender: renders into the cache without a message; skipped when cached; a Cmd for the
// same document cancels it (the Cmd renders it); Cancel drops it.
func TestPrerender(t *testing.T) {
	s := NewService(NewCache(0))
	md := genStory(4, 40<<10, true)
	req := Request{ID: "n", Markdown: md, Width: 60, Style: "light", Seq: 9}
	cmd := s.Prerender(req)
	if cmd == nil {
		t.Fatal("no prerender command")
	}
	if s.Prerender(req) != nil {
		t.Error("a second prerender of the same document while the first is pending")
	}
	if msg := cmd(); msg != nil {
		t.Errorf("prerender sent %T", msg)
	}
	want, _ := Render(md, 60, "light")
	if got, ok := s.Cache().Get("n", 60, "light"); !ok || got != want {
		t.Fatalf("prerendered text differs from Render:\n%s", firstDiff(got, want))
	}
	if s.Prerender(req) != nil {
		t.Error("prerender of a cached document")
	}

	other := Request{ID: "m", Markdown: md, Width: 60, Style: "light", Seq: 10}
	pre := s.Prerender(other)
	msgs := run(t, s.Cmd(other), other) // takes over
	if pre() != nil || msgs[len(msgs)-1].Err != nil {
		t.Fatal("prerender after a Cmd for the same document")
	}
	if s.Pending() != 0 {
		t.Errorf("%d requests left pending", s.Pending())
	}

	third := Request{ID: "o", Markdown: md, Width: 60, Style: "light", Seq: 11}
	pre = s.Prerender(third)
	s.Cancel(11)
	pre()
	if _, ok := s.Cache().Get("o", 60, "light"); ok {
		t.Error("a canceled prerender filled the cache")
	}
}

// TestCmdConcurrent: requests running together (and as many prerenders) give what Render gives.
func TestCmdConcurrent(t *testing.T) {
	s := NewService(nil)
	docs := []string{genStory(11, 40<<10, false), genStory(12, 20<<10, true), cjkStory()}
	done := make(chan error, 2*len(docs))
	for i, md := range docs {
		req := Request{ID: string(rune('a' + i)), Markdown: md, Width: 50 + i, Style: "dracula", Seq: uint64(i)}
		pre := s.Prerender(Request{ID: req.ID + "-pre", Markdown: md, Width: req.Width, Style: req.Style})
		go func() {
			pre()
			done <- nil
		}()
		go func() {
			var m Msg
			for cmd := s.Cmd(req); cmd != nil; cmd = m.Next() {
				m = cmd().(Msg)
			}
			want, _ := Render(md, req.Width, req.Style)
			if m.Err != nil || m.Content != want {
				done <- errors.New("request " + req.ID + ": result differs from Render")
				return
			}
			done <- nil
		}()
	}
	for range 2 * len(docs) {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	for i, md := range docs {
		want, _ := Render(md, 50+i, "dracula")
		if got, _ := s.Cache().Get(string(rune('a'+i))+"-pre", 50+i, "dracula"); got != want {
			t.Errorf("prerender %d differs from Render", i)
		}
	}
}
