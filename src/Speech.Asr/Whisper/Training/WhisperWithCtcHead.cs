using Speech.Asr.Ctc;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>A Whisper model with a CTC head on its encoder, for training only (hybrid CTC/attention,
/// Kim, Hori and Watanabe 2017): the CTC loss makes the encoder learn the audio from the first
/// steps, where a decoder trained from scratch can first get far on its language model alone. The
/// pair's parameters keep Whisper's names (<c>model.encoder.*</c>, …) beside <c>ctc_head.*</c>, so
/// its checkpoints load as Whisper models (the loader skips the head); saving the model drops it.</summary>
public sealed class WhisperWithCtcHead : nn.Module
{
    readonly WhisperModel whisper;
    readonly WhisperEncoderDecoder model; // the same parameters as whisper's, under the same names
    readonly Linear ctc_head;

    public WhisperWithCtcHead(WhisperModel whisper, int units) : base(nameof(WhisperWithCtcHead))
    {
        this.whisper = whisper;
        model = whisper.Inner;
        ctc_head = nn.Linear(whisper.Config.DModel, units);
        // Registered by hand: RegisterComponents would also register the WhisperModel field, giving
        // every parameter a second name.
        register_module("model", model);
        register_module("ctc_head", ctc_head);
    }

    public const string HeadPrefix = WhisperCtcHead.HeadPrefix;

    public WhisperModel Whisper => whisper;

    /// <summary>Continues the head of an earlier hybrid run: a training checkpoint's weights
    /// (<c>checkpoints/step-N/model.safetensors</c>) keep it, a saved model does not. False, and the
    /// head left as it is, when the file holds no head of this shape.</summary>
    public bool TryLoadHead(Speech.Core.IO.SafetensorsFile file)
    {
        var state = ctc_head.state_dict();
        foreach (var (name, target) in state)
            if (!file.Entries.TryGetValue(HeadPrefix + name, out var entry) || !entry.Shape.SequenceEqual(target.shape)) return false;
        using var guard = no_grad();
        foreach (var (name, target) in state)
        {
            using var loaded = file.Load(HeadPrefix + name);
            target.copy_(loaded.to(target.dtype, target.device));
        }
        return true;
    }

    /// <summary>Writes the head beside a saved model (<see cref="WhisperCtcHead"/>'s files), for joint
    /// CTC/attention decoding.</summary>
    public void SaveHead(string folder, CtcVocabulary vocabulary) => WhisperCtcHead.Save(folder, ctc_head.weight!, ctc_head.bias!, vocabulary);

    /// <summary>Per-frame CTC log-probabilities <c>[B, S, V]</c> of encoder states <c>[B, S, D]</c>.</summary>
    public Tensor CtcLogProbabilities(Tensor encoderStates) =>
        nn.functional.log_softmax(ctc_head.forward(encoderStates).to(ScalarType.Float32), -1);

    /// <summary>CTC loss (blank 0) over all encoder frames (the window's padding is for blanks).</summary>
    public Tensor CtcLoss(Tensor encoderStates, Tensor targets, Tensor targetLengths)
    {
        var logProbabilities = CtcLogProbabilities(encoderStates);
        using var frameCount = logProbabilities.shape[1].ToScalar();
        var frames = full(new long[] { logProbabilities.shape[0] }, frameCount, ScalarType.Int64, logProbabilities.device);
        return nn.functional.ctc_loss(logProbabilities.transpose(0, 1), targets, frames, targetLengths,
            blank: CtcDecoding.Blank, reduction: nn.Reduction.Mean, zero_infinity: true);
    }
}
