package cli

import "testing"

func TestLightBackground(t *testing.T) {
	for in, want := range map[string]bool{
		"15;0": false, "0;15": true, "0;7": true, "12;8": false, "0;default;15": true, "": false, "garbage": false,
	} {
		if got := lightBackground(in); got != want {
			t.Errorf("lightBackground(%q) = %v, want %v", in, got, want)
		}
	}
}
