//! Whether a person meets a credential's eligibility routes, now or after planned stages.

use std::collections::BTreeSet;

use crate::data::model::{DegreeLevel, Education, ExperienceKind, Route};
use crate::render::lists::education as education_words;

/// What a person has at some point in the plan.
#[derive(Debug, Clone)]
pub struct Standing {
    pub education: Education,
    pub accredited_degree: Option<DegreeLevel>,
    /// Months of coding work.
    pub experience_months: u32,
    pub credentials: BTreeSet<String>,
    pub competencies: BTreeSet<String>,
}

impl Standing {
    /// The reasons `route` is not met; empty when it is.
    pub fn unmet(&self, route: &Route) -> Vec<String> {
        let mut why = Vec::new();
        if let Some(e) = route.education
            && self.education < e
        {
            let words = education_words(e);
            let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            why.push(format!("needs {article} {words}"));
        }
        if let Some(m) = route.experience_months {
            let kind = route.experience.unwrap_or(ExperienceKind::Coding);
            let have = if kind == ExperienceKind::Coding {
                self.experience_months
            } else {
                0
            };
            if have < m {
                let what = match kind {
                    ExperienceKind::Coding => "coding",
                    ExperienceKind::PrivacySecurity => "privacy or security management",
                };
                why.push(format!(
                    "needs {m} months of {what} experience (has {have})"
                ));
            }
        }
        if !route.credentials_any.is_empty()
            && !route
                .credentials_any
                .iter()
                .any(|c| self.credentials.contains(c))
        {
            why.push(format!("needs one of {}", route.credentials_any.join(", ")));
        }
        if let Some(level) = route.accredited_degree
            && self.accredited_degree.is_none_or(|d| d < level)
        {
            let what = match level {
                DegreeLevel::Associate => "associate",
                DegreeLevel::Bachelor => "bachelor's",
            };
            why.push(format!("needs a CAHIIM-accredited {what} HIM degree"));
        }
        let missing: Vec<&str> = route
            .coursework
            .iter()
            .filter(|c| !self.competencies.contains(*c))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            why.push(format!("needs coursework in {}", missing.join(", ")));
        }
        why
    }

    /// Whether at least one route is met (an empty list asks for nothing).
    pub fn meets_any(&self, routes: &[Route]) -> bool {
        routes.is_empty() || routes.iter().any(|r| self.unmet(r).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing() -> Standing {
        Standing {
            education: Education::HighSchool,
            accredited_degree: None,
            experience_months: 6,
            credentials: BTreeSet::from(["CCA".to_string()]),
            competencies: BTreeSet::from(["cpt".to_string()]),
        }
    }

    #[test]
    fn routes_report_each_unmet_condition() {
        let s = standing();
        let route = Route {
            credentials_any: vec!["CCA".into()],
            experience_months: Some(12),
            ..Route::default()
        };
        assert_eq!(
            s.unmet(&route),
            ["needs 12 months of coding experience (has 6)"]
        );
        let degree = Route {
            accredited_degree: Some(DegreeLevel::Associate),
            ..Route::default()
        };
        assert_eq!(
            s.unmet(&degree),
            ["needs a CAHIIM-accredited associate HIM degree"]
        );
        assert!(s.meets_any(&[]));
        assert!(s.meets_any(&[
            degree,
            Route {
                education: Some(Education::HighSchool),
                ..Route::default()
            }
        ]));
    }
}
