package storylist

import "charm.land/bubbles/v2/key"

// KeyMap is the story list's keys.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Open                                    key.Binding
	ToggleRead                              key.Binding
	ToggleSaved                             key.Binding
}

// DefaultKeyMap returns the story list's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn", "page down")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "read/unread")),
		ToggleSaved: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
	}
}
