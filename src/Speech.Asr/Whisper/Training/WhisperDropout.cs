namespace Speech.Asr.Whisper.Training;

/// <summary>Dropout rates a training run sets on its model (HF's <c>dropout</c>, <c>attention_dropout</c>,
/// <c>activation_dropout</c>); a rate left null keeps the model config's, all null leave the model alone.</summary>
public sealed record WhisperDropout(double? Residual = null, double? Attention = null, double? Activation = null)
{
    public void Apply(WhisperModel model)
    {
        if (Residual is null && Attention is null && Activation is null) return;
        model.SetDropout(Residual ?? model.Config.Dropout, Attention ?? model.Config.AttentionDropout, Activation ?? model.Config.ActivationDropout);
    }
}
