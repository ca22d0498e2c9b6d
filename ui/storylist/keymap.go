package storylist

import (
	"charm.land/bubbles/v2/key"

	"newsread/ui/cursor"
)

// KeyMap is the story list's keys.
type KeyMap struct {
	cursor.KeyMap
	Open        key.Binding
	ToggleRead  key.Binding
	ToggleSaved key.Binding
}

// DefaultKeyMap returns the story list's default keys: b and f page as in a pager.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		KeyMap:      cursor.DefaultKeyMap(),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "read/unread")),
		ToggleSaved: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
	}
	k.PageUp = key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up"))
	k.PageDown = key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn/f", "page down"))
	return k
}
