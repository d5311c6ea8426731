global using GeneMask.Pmi;
global using GeneMask.Tokenization;
