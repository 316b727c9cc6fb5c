// Package classifier decides where a complaint, petition or business report can actually
// be resolved: the legal channel (litigation, reconsideration, mediation, petition), the
// competent department, whether a human is needed within the hour, the cues behind each
// decision, at most one clarifying question, and the citizen guidance for the channel.
//
// LABELS.md's ordered rules, with negation and the guide's tie-breaks, are implemented
// over a compiled cue lexicon; a small linear model over character n-grams decides what
// the rules leave open and the department. Classify is pure: the model is embedded
// (DefaultModel) and guidance and extra cue rules are parsed by the caller from configs/
// (ParseGuidance, ParseRules) and handed to New. See README.md for the evaluation.
package classifier
