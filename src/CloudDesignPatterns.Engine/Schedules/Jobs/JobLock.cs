using System;
using System.IO;

namespace CloudDesignPatterns.Engine.Schedules.Jobs
{
    /// <summary>
    /// The lock that keeps two runs of one job from overlapping: an exclusively opened file per job name (on Linux .NET
    /// takes an advisory flock for FileShare.None, so any other process opening it the same way is refused). The lock
    /// goes with the process: a run that is killed never leaves a stale lock behind.
    /// </summary>
    public sealed class JobLock : IDisposable
    {
        private readonly FileStream stream;

        private JobLock(FileStream stream, string path)
        {
            this.stream = stream;
            Path = path;
        }

        public string Path { get; }

        public static string DefaultDirectory => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cloud-design-patterns-locks");

        public static string PathFor(string directory, string name) => System.IO.Path.Combine(directory, name + ".lock");

        /// <summary>The lock, or null when another run holds it.</summary>
        public static JobLock? TryAcquire(string directory, string name)
        {
            Directory.CreateDirectory(directory);
            var path = PathFor(directory, name);
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new JobLock(stream, path);
            }
            catch (IOException)
            {
                return null;
            }
        }

        public void Dispose() => stream.Dispose();
    }
}
