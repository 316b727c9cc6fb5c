package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"petitiond/classifier"
	"petitiond/configs"
)

// runClassifier handles `petitiond classifier train|eval ...`.
func runClassifier(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: petitiond classifier train --data FILE[,FILE] --out PATH | eval --data FILE.jsonl [--model PATH]")
	}
	switch args[0] {
	case "train":
		return runClassifierTrain(args[1:], stdout, stderr)
	case "eval":
		return runClassifierEval(args[1:], stdout, stderr)
	}
	return fmt.Errorf("classifier: unknown subcommand %q (want train or eval)", args[0])
}

func runClassifierTrain(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("classifier train", flag.ContinueOnError)
	fl.SetOutput(stderr)
	data := fl.String("data", "", "comma-separated JSON Lines files of labelled examples")
	out := fl.String("out", "", "where to write the model")
	rulesPath := fl.String("rules", "", "optional extra cue rules (YAML), as the classifier will use them")
	version := fl.String("version", "", "model version (default: derived from data and options)")
	epochs := fl.Int("epochs", 0, "training passes (default 40)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *data == "" || *out == "" {
		return errors.New("classifier train: --data and --out are required")
	}
	examples, err := readExampleFiles(*data)
	if err != nil {
		return err
	}
	rules, err := loadRules(*rulesPath, false)
	if err != nil {
		return err
	}
	m, err := classifier.Train(examples, classifier.TrainOptions{Epochs: *epochs, Version: *version, Rules: rules})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained %s on %d examples: %d features, %d bytes → %s\n",
		m.Version(), len(examples), m.NumFeatures(), buf.Len(), *out)
	return nil
}

func runClassifierEval(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("classifier eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	data := fl.String("data", "", "JSON Lines file of labelled examples")
	modelPath := fl.String("model", "", "model file (default: the embedded model)")
	rulesPath := fl.String("rules", "", "optional extra cue rules (YAML)")
	verbose := fl.Bool("v", false, "list the mistakes before the metrics")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		return errors.New("classifier eval: --data is required")
	}
	examples, err := readExampleFiles(*data)
	if err != nil {
		return err
	}
	model, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	rules, err := loadRules(*rulesPath, false)
	if err != nil {
		return err
	}
	c, err := classifier.New(model, classifier.Options{Rules: rules})
	if err != nil {
		return err
	}
	metrics, mistakes := classifier.EvaluateDetailed(c, examples)
	if *verbose {
		for _, m := range mistakes {
			fmt.Fprintf(stdout, "%s\tchannel %s→%s\tdepartment %s→%s\turgent %v→%v\t%s\n", m.ID,
				m.GoldChannel, m.PredChannel, m.GoldDepartment, m.PredDepartment, m.GoldUrgent, m.PredUrgent,
				strings.ReplaceAll(m.Text, "\n", " "))
		}
	}
	fmt.Fprintf(stdout, "model %s on %s\n", model.Version(), *data)
	b, err := json.Marshal(metrics)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, string(b))
	return err
}

// answerFlags collects repeated --answer key=value flags.
type answerFlags map[string]string

func (a answerFlags) String() string { return fmt.Sprint(map[string]string(a)) }

func (a answerFlags) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("answer %q: want key=value", s)
	}
	a[k] = v
	return nil
}

// runClassify handles `petitiond classify "文本"` (stdin when no argument) and prints the
// full result as JSON.
func runClassify(args []string, stdin io.Reader, stdout io.Writer) error {
	fl := flag.NewFlagSet("classify", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	kind := fl.String("kind", classifier.KindComplaint, "complaint, petition or business")
	modelPath := fl.String("model", "", "model file (default: the embedded model)")
	guidancePath := fl.String("guidance", "", "citizen guidance (YAML) (default: the configured guidance.yaml)")
	rulesPath := fl.String("rules", "", "extra cue rules (YAML) (default: the configured classifier_rules.yaml)")
	answers := answerFlags{}
	fl.Var(answers, "answer", "structured answer key=value (court_involved, contests_act, wants); repeatable")
	if err := fl.Parse(args); err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	text := strings.Join(fl.Args(), " ")
	if fl.NArg() == 0 {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return err
		}
		text = string(b)
	}
	model, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	// By default the same files as the server: embedded, overridden by the
	// operator's directory, whatever the working directory.
	c, err := newClassifier(configs.Files(os.Getenv("PETITIOND_CONFIG_DIR")), model)
	if *guidancePath != "" || *rulesPath != "" {
		rules, err := loadRules(*rulesPath, false)
		if err != nil {
			return err
		}
		guidance, err := loadGuidance(*guidancePath)
		if err != nil {
			return err
		}
		c, err = classifier.New(model, classifier.Options{Guidance: guidance, Rules: rules})
		if err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	res, err := c.Classify(classifier.Input{Text: text, Kind: *kind, Answers: answers})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

func readExampleFiles(list string) ([]classifier.Example, error) {
	var all []classifier.Example
	for _, path := range strings.Split(list, ",") {
		path = strings.TrimSpace(path)
		if path == "" {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		exs, err := classifier.ReadExamples(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		all = append(all, exs...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no examples in %s", list)
	}
	return all, nil
}

func loadModel(path string) (*classifier.Model, error) {
	if path == "" {
		return classifier.DefaultModel()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return classifier.LoadModel(f)
}

// loadRules reads optional extra cue rules; a missing default file is not an error.
func loadRules(path string, optional bool) (classifier.Rules, error) {
	if path == "" {
		return classifier.Rules{}, nil
	}
	b, err := os.ReadFile(path)
	if optional && errors.Is(err, fs.ErrNotExist) {
		return classifier.Rules{}, nil
	}
	if err != nil {
		return classifier.Rules{}, err
	}
	return classifier.ParseRules(b)
}

// loadGuidance reads the guidance file; when it is missing, results carry no guidance.
func loadGuidance(path string) (classifier.GuidanceSet, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return classifier.ParseGuidance(b)
}
