namespace Speech.Core.Data;

/// <summary>What a file's header says about its audio.</summary>
public sealed record AudioFileInfo(int SampleRate, int Channels, long Frames)
{
    public double Duration => (double)Frames / SampleRate;
}
