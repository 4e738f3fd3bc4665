using System.Collections.Generic;
using CloudDesignPatterns.Model.GameDay;

namespace CloudDesignPatterns.Commands.GameDay
{
    /// <summary>The report files of a call (HTML for people, JUnit for CI); the writers live in the engine.</summary>
    internal static class GameDayReports
    {
        public static void WriteHtml(IReadOnlyList<GameDayResult> results, string path) { }
        public static void WriteJUnit(IReadOnlyList<GameDayResult> results, string path) { }
    }
}
