using GeneMask.Samples;

return await SampleCommands.RunAsync(args, SampleApp.Logo);
