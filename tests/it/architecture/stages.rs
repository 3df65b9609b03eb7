//! The map read from docs/architecture.md: the layer of each module and
//! the one-way order of modules within a layer.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The layers of docs/architecture.md's table and the one-way order of
/// modules within a layer.
pub(super) struct Stages {
    pub(super) layers: HashMap<String, usize>,
    /// Per module, its chain and its place in it.
    pub(super) order: HashMap<String, (usize, usize)>,
}

impl Stages {
    pub(super) fn from_doc(doc: &Path) -> Stages {
        let text = fs::read_to_string(doc).expect("docs/architecture.md");
        let mut layers = HashMap::new();
        for line in text.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let Some(number) = cells.get(1).and_then(|c| c.split(' ').next()) else {
                continue;
            };
            let Ok(layer) = number.parse::<usize>() else {
                continue;
            };
            for module in quoted(cells[2]) {
                layers.insert(module, layer);
            }
        }
        assert!(
            layers.len() > 5,
            "docs/architecture.md has no table of layers"
        );
        let paragraph = text
            .split("\n\n")
            .find(|p| p.starts_with("Within a layer"))
            .expect("docs/architecture.md names the order within a layer");
        let chains = paragraph.split_once(':').expect("a list of chains").1;
        let mut order = HashMap::new();
        for (number, chain) in chains.split(';').enumerate() {
            for (place, module) in quoted(chain).into_iter().enumerate() {
                assert!(layers.contains_key(&module), "`{module}` is in no layer");
                order.insert(module, (number, place));
            }
        }
        Stages { layers, order }
    }

    pub(super) fn layer(&self, module: &str) -> Option<usize> {
        self.layers.get(module).copied()
    }

    /// Why `user` may not use `used`, if it may not.
    pub(super) fn forbids(&self, user: &str, used: &str) -> Option<String> {
        let (a, b) = (self.layer(user)?, self.layer(used)?);
        if user == used || b < a {
            return None;
        }
        if b > a {
            return Some(format!(
                "`{used}` (layer {b}) is above `{user}` (layer {a})"
            ));
        }
        match (self.order.get(user), self.order.get(used)) {
            (Some(x), Some(y)) if x.0 == y.0 && y.1 < x.1 => None,
            (Some(_), Some(_)) => Some(format!(
                "`{used}` comes after `{user}` in their layer ({a})"
            )),
            _ => Some(format!(
                "no order between `{user}` and `{used}` in layer {a}"
            )),
        }
    }
}

pub(super) fn quoted(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
