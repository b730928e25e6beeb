namespace Speech.Core.Data;

/// <summary>Where a cut's samples come from: a file and a channel (null: mix all channels down).</summary>
public sealed record AudioSource(string Path, int? Channel = null);
