#version 450 core
// Shadow map pass: depth is written by the fixed function; no colour.
void main()
{
}
