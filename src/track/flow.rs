//! Maximum flow (Edmonds–Karp) on a small graph with fractional capacities, used to give
//! CEUs to sub-requirements so that as much of every minimum as possible is met.

use std::collections::VecDeque;

const EPS: f64 = 1e-9;

/// A flow network with `n` nodes.
pub struct Network {
    /// Edges as (to, capacity, index of the reverse edge), per node.
    adj: Vec<Vec<(usize, f64, usize)>>,
}

impl Network {
    /// An empty network of `n` nodes.
    pub fn new(n: usize) -> Self {
        Network {
            adj: vec![Vec::new(); n],
        }
    }

    /// Adds an edge `from → to` with `capacity`; returns its handle for [`Network::flow_on`].
    pub fn edge(&mut self, from: usize, to: usize, capacity: f64) -> (usize, usize) {
        let rev_from = self.adj[to].len();
        let rev_to = self.adj[from].len();
        self.adj[from].push((to, capacity, rev_from));
        self.adj[to].push((from, 0.0, rev_to));
        (from, rev_to)
    }

    /// Pushes the maximum flow from `s` to `t`; returns its value.
    pub fn max_flow(&mut self, s: usize, t: usize) -> f64 {
        let mut total = 0.0;
        loop {
            let mut prev: Vec<Option<(usize, usize)>> = vec![None; self.adj.len()];
            let mut queue = VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                if u == t {
                    break;
                }
                for (i, &(v, cap, _)) in self.adj[u].iter().enumerate() {
                    if cap > EPS && prev[v].is_none() && v != s {
                        prev[v] = Some((u, i));
                        queue.push_back(v);
                    }
                }
            }
            if prev[t].is_none() {
                return total;
            }
            let mut push = f64::INFINITY;
            let mut v = t;
            while let Some((u, i)) = prev[v] {
                push = push.min(self.adj[u][i].1);
                v = u;
            }
            let mut v = t;
            while let Some((u, i)) = prev[v] {
                self.adj[u][i].1 -= push;
                let (to, _, rev) = self.adj[u][i];
                self.adj[to][rev].1 += push;
                v = u;
            }
            total += push;
        }
    }

    /// The flow on an edge added with `capacity` (its reverse edge's residual).
    pub fn flow_on(&self, handle: (usize, usize)) -> f64 {
        let (from, i) = handle;
        let (to, _, rev) = self.adj[from][i];
        self.adj[to][rev].1
    }
}

#[cfg(test)]
mod tests {
    use super::Network;

    #[test]
    fn avoids_the_greedy_trap() {
        // Entry A (8 CEUs) may go to X or Y; entry B (8) only to X. Each minimum is 8.
        // A greedy pass giving A to X strands B; max flow meets both.
        let (s, a, b, x, y, t) = (0, 1, 2, 3, 4, 5);
        let mut n = Network::new(6);
        n.edge(s, a, 8.0);
        n.edge(s, b, 8.0);
        let ax = n.edge(a, x, f64::INFINITY);
        let ay = n.edge(a, y, f64::INFINITY);
        n.edge(b, x, f64::INFINITY);
        n.edge(x, t, 8.0);
        n.edge(y, t, 8.0);
        assert_eq!(n.max_flow(s, t), 16.0);
        assert_eq!((n.flow_on(ax), n.flow_on(ay)), (0.0, 8.0));
    }
}
