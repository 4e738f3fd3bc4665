using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// Runs on Import-Module. It only registers a resolver: nothing is loaded and nothing is called over the network
    /// until a cmdlet needs the engine, so importing the module costs almost nothing.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        internal static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            if (IsNetFramework)
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
            else
                IsolatedLoadContext.Register(DependencyDirectory);
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework)
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
            else
                IsolatedLoadContext.Unregister();
        }

        /// <summary>
        /// Windows PowerShell 5.1 has no load contexts: the engine and the SDK load into the one AppDomain.
        /// If AWS.Tools loaded another AWSSDK.Core 4.0.0.0 first, that copy is used (see docs/dependency-isolation.md).
        /// </summary>
        private static Assembly? ResolveOnNetFramework(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(DependencyDirectory, name + ".dll");
            if (!File.Exists(path)) path = Path.Combine(ModuleDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
