package tagpane

import (
	"charm.land/bubbles/v2/key"

	"newsread/ui/cursor"
)

// KeyMap is the tag pane's keys.
type KeyMap struct {
	cursor.KeyMap
	Show   key.Binding // show this tag's stories alone
	Toggle key.Binding // add or remove the tag from the active set
}

// DefaultKeyMap returns the tag pane's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		KeyMap: cursor.DefaultKeyMap(),
		Show:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show tag")),
		Toggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "add/remove tag (AND)")),
	}
}
