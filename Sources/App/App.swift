// The service: REST handlers, scheduler and worker threads.
