#version 450 core
// Writes the mask value of the current draw pass: 0.5 where the mesh covers
// the pixel at all, 1.0 where it is also the nearest surface.
layout(location = 2) uniform float u_value;

out float o_mask;

void main()
{
    o_mask = u_value;
}
