-- Masks e-mail addresses in the log line before it leaves the node.
function redact(tag, timestamp, record)
  local log = record["log"]
  if type(log) ~= "string" then
    return 0, timestamp, record
  end
  record["log"] = string.gsub(log, "[%w%.%-_]+@[%w%.%-_]+%.%a+", "<email>")
  return 1, timestamp, record
end
