package library

// early holds the results that came before their turn, in a ring by how far ahead of the next
// one they are: the workers are never more than a few hundred files apart (the job and result
// queues bound them), and a map of them, filled and emptied 100,000 times, grew and rehashed
// 20 MB of garbage per load.
type early struct {
	ring  []result // len is a power of two, or 0
	start int      // where the next result to hand on goes
	held  []bool   // by ring position: a result is there
}

// put keeps r, which is ahead results after the next one (0: it is the next).
func (e *early) put(ahead int, r result) {
	for ahead >= len(e.ring) {
		e.grow()
	}
	i := (e.start + ahead) & (len(e.ring) - 1)
	e.ring[i], e.held[i] = r, true
}

// take hands on the next result, if it has come, and moves on to the one after.
func (e *early) take() (result, bool) {
	if len(e.ring) == 0 || !e.held[e.start] {
		return result{}, false
	}
	r := e.ring[e.start]
	e.ring[e.start], e.held[e.start] = result{}, false
	e.start = (e.start + 1) & (len(e.ring) - 1)
	return r, true
}

// grow doubles the ring, keeping each result's distance from the next.
func (e *early) grow() {
	n := max(64, 2*len(e.ring))
	ring, held := make([]result, n), make([]bool, n)
	for k := range len(e.ring) {
		i := (e.start + k) & (len(e.ring) - 1)
		ring[k], held[k] = e.ring[i], e.held[i]
	}
	e.ring, e.held, e.start = ring, held, 0
}
