using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine.Ssm
{
    /// <summary>One SSM JSON call: the action's request members in, its answer out; an error answer is thrown.</summary>
    internal interface ISsmClient
    {
        Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken cancel);
    }
}
