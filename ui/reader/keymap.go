package reader

import "charm.land/bubbles/v2/key"

// KeyMap is the story view's keys.
type KeyMap struct {
	Down, Up, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	Next, Prev                                                key.Binding // the neighbouring stories of the list
	NextMatch, PrevMatch                                      key.Binding // searched words in this story
	Back                                                      key.Binding
	ToggleSaved                                               key.Binding
}

// DefaultKeyMap returns the story view's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		PageDown:    key.NewBinding(key.WithKeys("space", "pgdown", "f"), key.WithHelp("space/pgdn", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfDown:    key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "½ page down")),
		HalfUp:      key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Next:        key.NewBinding(key.WithKeys("n", "]"), key.WithHelp("n/]", "next story")),
		Prev:        key.NewBinding(key.WithKeys("p", "["), key.WithHelp("p/[", "previous story")),
		NextMatch:   key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "previous match")),
		Back:        key.NewBinding(key.WithKeys("esc", "q", "backspace"), key.WithHelp("esc/q", "back")),
		ToggleSaved: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
	}
}
