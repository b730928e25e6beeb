using System.CommandLine;
using Speech.Asr.Whisper;

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

    /// <summary>Sets the given rates on <paramref name="model"/>; leaves it alone when none is given.</summary>
    public void Apply(ParseResult parse, WhisperModel model)
    {
        double? r = parse.GetValue(residual), a = parse.GetValue(attention), f = parse.GetValue(activation);
        if (r is null && a is null && f is null) return;
        model.SetDropout(r ?? model.Config.Dropout, a ?? model.Config.AttentionDropout, f ?? model.Config.ActivationDropout);
    }
}
