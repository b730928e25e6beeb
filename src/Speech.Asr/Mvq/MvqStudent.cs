using Speech.Asr.Ctc;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>What an MVQ-KD run trains: the CTC student and its KD head on block <see cref="Layer"/>,
/// a <see cref="CodebookPredictor"/> (mvq) or a linear projection onto R concatenated teacher
/// frames (l2, l1). Only <see cref="Ctc"/> is kept for decoding.</summary>
public sealed class MvqStudent : nn.Module
{
    readonly CtcModel ctc;
    readonly CodebookPredictor? codebook_predictor;
    readonly Linear? projection;

    public MvqStudent(CtcModel ctc, MvqKdOptions options, int targetWidth) : base(nameof(MvqStudent))
    {
        this.ctc = ctc;
        Layer = options.Layer == 0 ? Math.Max(1, ctc.Config.Layers / 2) : options.Layer;
        if (Layer < 1 || Layer > ctc.Config.Layers)
            throw new Speech.Core.Errors.ConfigException($"mvq.layer {options.Layer}: the student has layers 1 to {ctc.Config.Layers}");
        if (options.Kind == "mvq") codebook_predictor = new CodebookPredictor(ctc.Config.DModel, targetWidth, options.Joint);
        else if (options.Kind is "l2" or "l1") projection = nn.Linear(ctc.Config.DModel, targetWidth);
        RegisterComponents();
    }

    public CtcModel Ctc => ctc;
    public int Layer { get; }
    public CodebookPredictor? Predictor => codebook_predictor;
    public Linear? Projection => projection;
}
