//! The integration tests, one binary: each module is what was once a test
//! file of its own, and `support` holds what they share. One process runs
//! them all on parallel threads, so a test never changes what the process
//! shares (the environment, the current folder): children get their
//! environment explicitly, and tests that measure memory run alone in a
//! process of their own (see `search_memory` and `serve_limits`).

mod support;

mod actions_config;
mod architecture;
mod atomic_output;
mod base_path;
mod bounded_output;
mod browser;
mod browser_actions;
mod browser_directory;
mod browser_injection;
mod browser_languages;
mod browser_languages_interface;
mod browser_search;
mod browser_search_language;
mod browser_serve;
mod builtin_theme;
mod calendar;
mod characters;
mod check;
mod check_templates;
mod cli;
mod closed_pipe;
mod cms;
mod config_locations;
mod error_kinds;
mod external_links;
mod feeds;
mod fields;
mod fields_structured;
mod forge_links;
mod forms;
mod history;
mod html_validity;
mod hub_entries;
mod init;
mod interface_strings;
mod interface_strings_check;
mod language;
mod legal_characters;
mod markdown;
mod multilingual;
mod new_entry;
mod new_entry_names;
mod one_round;
mod output_guard;
mod outputs;
mod packed_bodies;
mod page_weight;
mod pages;
mod path_collisions;
mod path_safety;
mod placeholders;
mod publishing;
mod random_input;
mod raw_html_pages;
mod robustness;
mod sanitizer;
mod schema;
mod search;
mod search_filters;
mod search_languages;
mod search_memory;
mod search_parity;
mod search_parity_languages;
mod search_stop;
mod serve;
mod serve_hosts;
mod serve_http;
mod serve_limits;
mod serve_panic;
mod serve_session;
mod site_texts;
mod stemmer_parity;
mod structured_data;
mod symlinks;
mod templates;
mod theme_eject;
mod translations;
mod validation;
