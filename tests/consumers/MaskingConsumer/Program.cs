// The example of the GeneMask.Masking README, compiled and run against the packed packages by .ci/run.
using GeneMask.Masking;
using GeneMask.Pmi;
using GeneMask.Tokenization;

// The k-mer ids of a DNA sequence: bare k-mers, the collator adds [CLS] and [SEP].
var random = new Random(1);
var bases = string.Concat(Enumerable.Range(0, 510).Select(_ => "ACGT"[random.Next(4)]));
var tokenizer = KmerTokenizer.Create(k: 6);
int[] row = tokenizer.EncodeKmers(bases);

// GeneMask masking guided by the embedded 6-mer PMI ranking, then the 80/10/10 replacement.
var table = PmiTable.LoadDefault();
var phase = MaskingPhase.Of(new GeneMaskMasking(table));
var collator = new MlmCollator(new MlmCollatorOptions { Seed = 42 });
MlmBatch batch = collator.Collate([row], batchIndex: 0, phase);

var predicted = batch.Labels.Count(label => label != MlmBatch.IgnoreLabel);
Console.WriteLine($"{row.Length} k-mers, {batch.SequenceLength} tokens, {predicted} to predict ({phase.Name})");
return batch.InputIds[0] == SpecialTokens.Cls && predicted > 0 ? 0 : 1;
