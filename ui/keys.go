package ui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is the keys that work across panes.
type KeyMap struct {
	Quit       key.Binding // q: quit from the list
	ForceQuit  key.Binding // ctrl+c: quit from anywhere
	Help       key.Binding
	Search     key.Binding
	NextPane   key.Binding
	PrevPane   key.Binding
	Clear      key.Binding // esc: clear the search, then the tags
	UnreadOnly key.Binding
	Accept     key.Binding // enter in the search prompt
	Cancel     key.Binding // esc in the search prompt
}

// DefaultKeyMap returns the default global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextPane:   key.NewBinding(key.WithKeys("tab", "right", "l"), key.WithHelp("tab/→", "other pane")),
		PrevPane:   key.NewBinding(key.WithKeys("shift+tab", "left", "h"), key.WithHelp("shift+tab/←", "other pane")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search, then tags")),
		UnreadOnly: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unread only")),
		Accept:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep search")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
	}
}

// bindings are the help view's groups for one screen.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }

// helpKeys returns the keys of the screen in front.
func (m Model) helpKeys() bindings {
	g := m.keys
	switch {
	case m.searching:
		return bindings{
			short: []key.Binding{g.Accept, g.Cancel, g.ForceQuit},
			full:  [][]key.Binding{{g.Accept, g.Cancel, g.ForceQuit}},
		}
	case m.screen == screenReader:
		r := m.reader.KeyMap
		return bindings{
			short: []key.Binding{r.Back, g.Help, r.Down, r.PageDown, r.Next, r.Prev, r.NextMatch},
			full: [][]key.Binding{
				{r.Down, r.Up, r.PageDown, r.PageUp, r.HalfDown, r.HalfUp, r.Top, r.Bottom},
				{r.Next, r.Prev, r.NextMatch, r.PrevMatch, r.ToggleSaved, r.Back, g.Help, g.ForceQuit},
			},
		}
	case m.focus == focusTags:
		t := m.tags.KeyMap
		return bindings{
			short: []key.Binding{g.Help, g.Quit, t.Down, t.Show, t.Toggle, g.NextPane, g.Search},
			full: [][]key.Binding{
				{t.Up, t.Down, t.Top, t.Bottom, t.PageUp, t.PageDown},
				{t.Show, t.Toggle, g.NextPane, g.PrevPane, g.Search, g.Clear},
				{g.UnreadOnly, g.Help, g.Quit, g.ForceQuit},
			},
		}
	}
	l := m.list.KeyMap
	return bindings{
		short: []key.Binding{g.Help, g.Quit, l.Down, l.Open, g.NextPane, g.Search, l.ToggleRead, l.ToggleSaved},
		full: [][]key.Binding{
			{l.Up, l.Down, l.Top, l.Bottom, l.PageUp, l.PageDown},
			{l.Open, l.ToggleRead, l.ToggleSaved, g.UnreadOnly},
			{g.NextPane, g.PrevPane, g.Search, g.Clear, g.Help, g.Quit, g.ForceQuit},
		},
	}
}
