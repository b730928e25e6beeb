namespace Speech.Core.Text.Bert;

/// <summary>How well a BERT predicts a text when each token is masked in turn: accuracy (argmax =
/// the token) and pseudo-perplexity <c>exp(−mean log p(token | rest))</c> (Salazar et al. 2020).
/// Words the vocabulary could not cover are [UNK] tokens, scored like any other and counted.</summary>
public sealed record BertScore(int Sentences, int Tokens, int UnknownWords, double Accuracy, double PseudoPerplexity);
