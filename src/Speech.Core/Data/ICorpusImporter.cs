namespace Speech.Core.Data;

/// <summary>Turns a corpus folder in one layout into cuts (streamed, in a stable order).</summary>
public interface ICorpusImporter
{
    /// <summary>The kind on the command line (<c>speech data import NAME DIR</c>).</summary>
    string Name { get; }

    string Description { get; }

    IEnumerable<Cut> Import(string directory, ImportContext context);
}
