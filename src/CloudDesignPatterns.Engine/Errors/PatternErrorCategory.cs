namespace CloudDesignPatterns.Engine.Errors
{
    /// <summary>
    /// The engine's error categories. Names match System.Management.Automation.ErrorCategory one to one,
    /// so the cmdlet layer converts by name without the engine referencing PowerShell.
    /// </summary>
    public enum PatternErrorCategory
    {
        NotSpecified,
        InvalidArgument,
        InvalidOperation,
        ObjectNotFound,
        PermissionDenied,
        ResourceUnavailable,
        LimitsExceeded,
        ConnectionError,
        OperationTimeout,
        AuthenticationError,
        InvalidData,
        ResourceExists,
        OperationStopped,
        NotImplemented,
    }
}
