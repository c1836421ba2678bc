# free_port: prints a TCP port of 127.0.0.1 that nothing listens on (for a private stack).
# Below Linux's ephemeral range (32768-60999): a port there may be the local end of some
# outgoing connection, which no connect() test sees and which makes nginx's bind() fail.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo 28443
}
