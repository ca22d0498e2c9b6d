package wire

import (
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var e Encoder
	e.Uint(0)
	e.Uint(math.MaxUint64)
	e.Int(-5)
	e.Text("Zürich 東京")
	e.Bytes(nil)
	e.Uint(3)
	d := NewDecoder(e.Buf)
	if v := d.Uint(); v != 0 {
		t.Errorf("Uint = %d", v)
	}
	if v := d.Uint(); v != math.MaxUint64 {
		t.Errorf("Uint = %d", v)
	}
	if v := d.Int(); v != -5 {
		t.Errorf("Int = %d", v)
	}
	if s := d.Text(); s != "Zürich 東京" {
		t.Errorf("String = %q", s)
	}
	if b := d.Bytes(); len(b) != 0 {
		t.Errorf("Bytes = %q", b)
	}
	if n := d.Count(1); n != 0 || d.Err == nil {
		t.Errorf("Count(1) of 3 with nothing left = %d, err %v; want a failure", n, d.Err)
	}
}

func TestFailuresStick(t *testing.T) {
	cases := map[string]func(*Decoder){
		"varint past the end": func(d *Decoder) { d.Uint() },
		"string past the end": func(d *Decoder) { d.Text() },
		"count too large":     func(d *Decoder) { d.Count(4) },
	}
	for name, read := range cases {
		d := NewDecoder([]byte{0x80}) // a varint that never ends
		if name != "varint past the end" {
			d = NewDecoder([]byte{5, 'a', 'b'})
		}
		read(d)
		if d.Err == nil {
			t.Errorf("%s: no error", name)
		}
		if d.Uint() != 0 || d.Text() != "" || d.Rest() != 0 {
			t.Errorf("%s: reads after a failure return data", name)
		}
	}
}

// FuzzDecoder reads arbitrary bytes as a program of reads: nothing may panic, and no string
// or count may claim more than the bytes that were left.
func FuzzDecoder(f *testing.F) {
	var e Encoder
	e.Text("title")
	e.Uint(2)
	e.Int(-1)
	f.Add(e.Buf, []byte{3, 0, 1, 2})
	f.Fuzz(func(t *testing.T, data, ops []byte) {
		d := NewDecoder(data)
		for _, op := range ops {
			left := d.Rest()
			switch op % 4 {
			case 0:
				d.Uint()
			case 1:
				d.Int()
			case 2:
				if b := d.Bytes(); len(b) > left {
					t.Fatalf("Bytes gave %d bytes of %d", len(b), left)
				}
			case 3:
				if n := d.Count(int(op/4) + 1); n > left {
					t.Fatalf("Count gave %d with %d bytes left", n, left)
				}
			}
			if d.Rest() > left {
				t.Fatal("the decoder went backwards")
			}
		}
	})
}
