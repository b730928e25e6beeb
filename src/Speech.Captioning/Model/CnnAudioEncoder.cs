using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Captioning.Model;

/// <summary>A small CNN over log-mel <c>[B, T, F]</c>: blocks of 3×3 convolution, GELU and 2×2 average
/// pooling (time and frequency halved each block), frequency averaged away, a linear layer to the
/// embedding width. A CPU-sized stand-in for the paper's EfficientNet-B2.</summary>
public sealed class CnnAudioEncoder : nn.Module
{
    readonly ModuleList<Conv2d> convs;
    readonly Linear proj;
    readonly int blocks;

    public CnnAudioEncoder(CaptionConfig config) : base(nameof(CnnAudioEncoder))
    {
        blocks = config.EncoderBlocks;
        if (blocks < 1) throw new ArgumentException("encoder_blocks must be at least 1");
        var layers = new List<Conv2d>();
        int channels = 1;
        for (int b = 0; b < blocks; b++)
        {
            int outChannels = b == 0 && blocks > 1 ? Math.Max(1, config.EncoderChannels / 2) : config.EncoderChannels;
            layers.Add(nn.Conv2d(channels, outChannels, kernel_size: 3, padding: 1));
            channels = outChannels;
        }
        convs = nn.ModuleList(layers.ToArray());
        proj = nn.Linear(channels, config.EncoderDim);
        RegisterComponents();
    }

    public AudioEmbeddings Forward(Tensor features, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var x = features.unsqueeze(1); // [B, 1, T, F]
        foreach (var conv in convs)
            x = nn.functional.avg_pool2d(nn.functional.gelu(conv.forward(x)), 2, 2, ceil_mode: true);
        var frames = proj.forward(x.mean([3]).transpose(1, 2)); // [B, T', E]
        using var divisor = (1L << blocks).ToScalar();
        using var last = frames.shape[1].ToScalar();
        var frameLengths = lengths.add(divisor, Scalars.One).sub(Scalars.One).div(divisor, rounding_mode: RoundingMode.floor).clamp(Scalars.One, last); // ceil
        var valid = Scalars.Arange(0, frames.shape[1], frames.device).unsqueeze(0).lt(frameLengths.unsqueeze(1)).unsqueeze(2); // [B, T', 1]
        var clip = (frames * valid).sum(1) / frameLengths.unsqueeze(1).to(frames.dtype); // [B, E]
        return new AudioEmbeddings(frames.MoveToOuterDisposeScope(), frameLengths.MoveToOuterDisposeScope(), clip.MoveToOuterDisposeScope());
    }
}
