#version 450 core
// Screen-space quads (text, panels): pixel coordinates, top-left origin.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;

layout(location = 0) uniform vec2 u_screen_size;

out vec2 v_uv;
out vec4 v_color;

void main()
{
    vec2 ndc = vec2(a_pos.x / u_screen_size.x * 2.0 - 1.0, 1.0 - a_pos.y / u_screen_size.y * 2.0);
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(ndc, 0.0, 1.0);
}
