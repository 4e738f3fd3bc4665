using System.Security;

namespace CloudDesignPatterns.Sandbox.Handlers
{
    /// <summary>Error bodies of the Query-protocol services, in the shapes the SDKs and botocore parse.</summary>
    internal static class QueryErrorXml
    {
        public static string Ec2(string code, string message, string requestId) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            $"<Response><Errors><Error><Code>{Escape(code)}</Code><Message>{Escape(message)}</Message></Error></Errors>" +
            $"<RequestID>{requestId}</RequestID></Response>";

        public static string Sts(string code, string message, int httpStatus, string requestId) =>
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">" +
            $"<Error><Type>{(httpStatus >= 500 ? "Receiver" : "Sender")}</Type><Code>{Escape(code)}</Code>" +
            $"<Message>{Escape(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";

        public static string Escape(string text) => SecurityElement.Escape(text) ?? "";
    }
}
