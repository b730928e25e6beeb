using System.CommandLine;
using Speech.Asr.Whisper.Training;

namespace Speech.Cli.Whisper;

/// <summary><c>--dropout</c>, <c>--attention-dropout</c>, <c>--activation-dropout</c> of the Whisper
/// training verbs: each overrides the model config's rate for this run (and is saved with it).</summary>
public sealed class WhisperDropoutOptions
{
    readonly Option<double?> residual = new("--dropout")
    {
        Description = "Dropout on the embeddings and each residual branch while training (HF's `dropout`; 0.1 is the usual fine-tuning value " +
                      "for a small corpus). Default: the model config's (0 for a new model).",
    };
    readonly Option<double?> attention = new("--attention-dropout") { Description = "Dropout on attention probabilities while training (HF's `attention_dropout`). Default: the model config's." };
    readonly Option<double?> activation = new("--activation-dropout") { Description = "Dropout after the feed-forward activation while training (HF's `activation_dropout`). Default: the model config's." };

    public IEnumerable<Option> All => new Option[] { residual, attention, activation };

    /// <summary>The rates given (each null keeps the model config's).</summary>
    public WhisperDropout Read(ParseResult parse) => new(parse.GetValue(residual), parse.GetValue(attention), parse.GetValue(activation));
}
