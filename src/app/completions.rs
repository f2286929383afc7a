//! `coderpath completions SHELL`: a completion script that offers the reference data's ids
//! — credentials for --target, --add, --drop and --prepares-for, settings for --setting,
//! topics for --topic, bodies for --body, every record for `data show`. Only the command
//! the script is generated from is given these lists: parsing still takes any id, so data
//! from --data-dir with other ids works the same.

use chrono::NaiveDate;
use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use super::{emit, load_catalog};
use crate::cli::{Cli, Global};
use crate::data::catalog::{Credential, Setting};
use crate::data::model::Body;
use crate::error::Error;
use crate::render::lists::show::ShowKind;

/// The ids a completion script offers, by what they are.
struct Offers {
    credentials: Vec<String>,
    settings: Vec<String>,
    topics: Vec<String>,
    bodies: Vec<String>,
    records: Vec<String>,
}

pub(super) fn run(
    global: &Global,
    as_of: NaiveDate,
    shell: clap_complete::Shell,
) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let owned = |ids: Vec<&str>| ids.into_iter().map(String::from).collect::<Vec<_>>();
    let offers = Offers {
        credentials: owned(catalog.ids::<Credential>()),
        settings: owned(catalog.ids::<Setting>()),
        topics: owned(catalog.topic_ids()),
        bodies: [Body::AAPC, Body::AHIMA]
            .map(|b| b.as_str().to_string())
            .to_vec(),
        records: ShowKind::ALL
            .iter()
            .flat_map(|k| owned(k.ids(&catalog)))
            .collect(),
    };
    let mut cmd = offer(Cli::command(), &offers);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "coderpath", &mut out);
    emit(&String::from_utf8_lossy(&out))
}

/// `cmd` and its subcommands with each id-taking argument limited to the ids it can take.
fn offer(cmd: clap::Command, offers: &Offers) -> clap::Command {
    cmd.mut_args(|arg| {
        let ids = match arg.get_id().as_str() {
            "target" | "add" | "drop" | "prepares_for" => &offers.credentials,
            "setting" => &offers.settings,
            "topic" | "topics" => &offers.topics,
            "body" => &offers.bodies,
            "id" => &offers.records,
            _ => return arg,
        };
        arg.value_parser(PossibleValuesParser::new(ids.clone()))
    })
    .mut_subcommands(|sub| offer(sub, offers))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offers() -> Offers {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
        Offers {
            credentials: v(&["CPC"]),
            settings: v(&["remote"]),
            topics: v(&["cpt"]),
            bodies: v(&["AAPC"]),
            records: v(&["CPC"]),
        }
    }

    fn possible(cmd: &clap::Command, path: &[&str], arg: &str) -> Vec<String> {
        let mut c = cmd;
        for p in path {
            c = c.find_subcommand(p).expect("a subcommand");
        }
        let a = c
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .expect("an argument");
        a.get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    #[test]
    fn id_arguments_offer_the_ids_and_others_are_left_alone() {
        let cmd = offer(Cli::command(), &offers());
        assert_eq!(possible(&cmd, &["plan"], "target"), ["CPC"]);
        assert_eq!(possible(&cmd, &["plan"], "setting"), ["remote"]);
        assert_eq!(possible(&cmd, &["ceu", "what-if"], "drop"), ["CPC"]);
        assert_eq!(possible(&cmd, &["ceu", "add"], "topics"), ["cpt"]);
        assert_eq!(possible(&cmd, &["ceu", "list"], "body"), ["AAPC"]);
        assert_eq!(possible(&cmd, &["data", "show"], "id"), ["CPC"]);
        assert!(possible(&cmd, &["plan"], "compare").is_empty());
        // The command that parses is not the completion command.
        assert!(possible(&Cli::command(), &["plan"], "target").is_empty());
    }
}
