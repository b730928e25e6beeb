using Speech.Captioning.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>What the trainer optimises: the student caption model and, with encoder-level KD, its
/// projection head (checkpoints hold both; the model folder written at the end holds the model only).</summary>
public sealed class CaptionKdStudent : nn.Module
{
    readonly CaptionModel model;
    readonly EncoderKdHead? kd_head;

    public CaptionKdStudent(CaptionModel model, EncoderKdHead? head) : base(nameof(CaptionKdStudent))
    {
        this.model = model;
        kd_head = head;
        RegisterComponents();
    }

    public CaptionModel Model => model;

    public EncoderKdHead? Head => kd_head;
}
