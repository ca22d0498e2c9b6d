package tagpane

import "charm.land/bubbles/v2/key"

// KeyMap is the tag pane's keys.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Show                                    key.Binding // show this tag's stories alone
	Toggle                                  key.Binding // add or remove the tag from the active set
}

// DefaultKeyMap returns the tag pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Show:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show tag")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "add/remove tag (AND)")),
	}
}
