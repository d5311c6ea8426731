using System.Reflection;
using System.Reflection.Emit;

namespace GeneMask.Models.TorchSharp.Tests;

/// <summary>The methods each method calls, read from its IL (call, callvirt, newobj; lambdas are methods of their own).</summary>
internal static class CallGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>One call in a method body.</summary>
    /// <param name="Target">The method called.</param>
    /// <param name="Virtual">A <c>callvirt</c> of a virtual method: the override that runs is not known here.</param>
    public readonly record struct Call(MethodBase Target, bool Virtual);

    /// <summary>Every method and constructor declared in <paramref name="assembly"/>, nested and compiler-generated types included.</summary>
    public static IEnumerable<MethodBase> Methods(Assembly assembly) =>
        assembly.GetTypes().SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)));

    /// <summary>The calls in <paramref name="method"/>'s body (none for abstract, extern and runtime methods).</summary>
    public static IEnumerable<Call> Calls(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                var target = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!;
                yield return new Call(target, opCode == OpCodes.Callvirt && target.IsVirtual && !target.IsFinal);
            }

            i += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    /// <summary>
    /// The methods of <paramref name="assembly"/> that reach a method matching <paramref name="root"/> through calls
    /// whose target is known (virtual dispatch is not followed), themselves included.
    /// </summary>
    public static HashSet<MethodBase> Reaching(Assembly assembly, Func<MethodBase, bool> root)
    {
        var graph = Methods(assembly).ToDictionary(m => m, m => Calls(m).Where(c => !c.Virtual).Select(c => c.Target).ToList());
        var reaching = new HashSet<MethodBase>(graph.Where(kv => kv.Value.Any(root)).Select(kv => kv.Key));
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (method, targets) in graph)
            {
                if (!reaching.Contains(method) && targets.Any(reaching.Contains))
                {
                    changed |= reaching.Add(method);
                }
            }
        }

        return reaching;
    }
}
