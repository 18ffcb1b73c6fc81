"""The learned event scorer (issue 13): for each sentence, the probability of
every PLOVER type and of "no event", and the hybrid decisions that use it.

    features   what the model reads of a parsed sentence (n-gram text + parse cues)
    model      ScorerModel: fit, probabilities, explanations, save/load
    records    SentenceScores, the frozen record ``doc._.scores`` holds
    examples   annotated sentences (PLV-style JSONL, VOA gold) → training examples
    train      train_scorer: grouped out-of-fold scores, tuning, calibration, fit, metrics
    hybrid     rule events and scorer types combined into coded events
    stage      the ``scorer`` pipeline stage
    embedding  a static sentence embedding as an optional dense block (measured, not shipped)
    minilm, distil   build only: MiniLM's forward pass in numpy, the distillation of that table
"""
