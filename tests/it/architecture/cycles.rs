//! Loops in the graph of files using each other, each shown shortest.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// The loops among files, each as `a → b → a`: the shortest through each
/// file of every group of files that reach each other.
pub(super) fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut loops = BTreeSet::new();
    for group in strongly_connected(graph) {
        if group.len() < 2 {
            continue;
        }
        for start in &group {
            let mut path = shortest_loop(graph, &group, start);
            // Each loop once, from its first file.
            path.pop();
            let first = (0..path.len()).min_by_key(|&i| &path[i]).unwrap();
            path.rotate_left(first);
            path.push(path[0].clone());
            loops.insert(format!("  {}", path.join(" → ")));
        }
    }
    loops.into_iter().collect()
}

pub(super) fn shortest_loop(
    graph: &BTreeMap<String, BTreeSet<String>>,
    group: &BTreeSet<String>,
    start: &String,
) -> Vec<String> {
    let mut came_from: HashMap<&String, &String> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in &graph[node] {
            if !group.contains(next) {
                continue;
            }
            if next == start {
                let mut back = Vec::new();
                let mut at = node;
                while at != start {
                    back.push(at.clone());
                    at = came_from[at];
                }
                back.push(start.clone());
                back.reverse();
                back.push(start.clone());
                return back;
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![start.clone(), start.clone()]
}

/// Tarjan's strongly connected components.
pub(super) fn strongly_connected(
    graph: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: HashMap<&'a str, usize>,
        low: HashMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<BTreeSet<String>>,
    }
    pub(super) fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        let n = state.index.len();
        state.index.insert(node, n);
        state.low.insert(node, n);
        state.stack.push(node);
        state.on_stack.insert(node);
        for next in state.graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut group = BTreeSet::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                group.insert(member.to_string());
                if member == node {
                    break;
                }
            }
            state.groups.push(group);
        }
    }
    let mut state = State {
        graph,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.groups
}
